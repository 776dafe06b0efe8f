package com.coaching.exports.bench;

import com.coaching.exports.embedded.faults.FaultyServices;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.testkit.WorkerProcess;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the phases of one benchmark run share: the API they measure, the rows of the big trainer, how
 * often each figure is measured (--repeat), the export requests and the figures.
 */
record BenchRun(ConfigurableApplicationContext api, int rows, int repeat, ExportCalls exports, Figures figures) {

    /** The services the API runs against, for the worker processes. */
    Map<String, String> workerSettings() {
        Environment env = api.getEnvironment();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : FaultyServices.SERVICE_SETTINGS) {
            String value = env.getProperty(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        settings.put("exports.links.secret", Tokens.LINK_SECRET);
        settings.put("exports.destinations.key", Tokens.DESTINATIONS_KEY);
        settings.put(Tokens.ALLOW_DEV_SECRETS, "true");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.com.coaching.exports", "INFO");
        return settings;
    }

    static File log(String worker) {
        File dir = new File("bench/target");
        dir.mkdirs();
        return new File(dir, "worker-" + worker + ".log");
    }

    /**
     * The milliseconds of CPU each part of the system has used so far, parts that do not overlap: the
     * benchmark's JVM by thread ({@link ThreadCpu}: {@code api}, {@code client}, the stand-ins),
     * {@code worker} without its JIT compiler threads and {@code worker_jit}, {@code postgres}, and
     * {@code broker} for a RabbitMQ on this machine when no broker is embedded.
     */
    Map<String, Double> cpu(WorkerProcess worker) {
        Map<String, Double> ms = ThreadCpu.sample();
        double workerJit = ProcessCpu.compilerMs(worker.pid());
        ms.put("worker", ProcessCpu.ms(worker.pid()) - workerJit);
        ms.put("worker_jit", workerJit);
        // with an embedded PostgreSQL, the threads that started it and read its output count with it
        ms.merge("postgres", ProcessCpu.postgresMs(postmaster()), Double::sum);
        if (!ms.containsKey("broker")) {
            long rabbit = ProcessCpu.named("beam.smp");
            if (rabbit > 0) {
                ms.put("broker", ProcessCpu.ms(rabbit));
            }
        }
        return ms;
    }

    /**
     * Vacuums the service's tables, as autovacuum would between runs: every export leaves dead rows
     * behind (its job row is updated three times, its outbox entry deleted), and on a PostgreSQL
     * that runs without autovacuum (this machine's) every run would be slower than the one before.
     */
    void vacuum() {
        api.getBean(JdbcClient.class)
                .sql("vacuum (analyze) export_job, export_job_event, export_outbox, export_link_count")
                .update();
    }

    /** PostgreSQL's postmaster: the parent of this connection's backend (0 when not on this machine). */
    private long postmaster() {
        long backend = api.getBean(JdbcClient.class)
                .sql("select pg_backend_pid()")
                .query(Long.class)
                .single();
        return Math.max(0, ProcessCpu.parent(backend));
    }
}
