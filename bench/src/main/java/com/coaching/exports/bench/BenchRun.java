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

    /** The processes whose CPU time is counted, besides PostgreSQL's. */
    static Map<String, Long> processes(WorkerProcess worker) {
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("api_broker_store_bench", ProcessHandle.current().pid());
        processes.put("worker", worker.pid());
        return processes;
    }

    /** PostgreSQL's postmaster: the parent of this connection's backend (0 when not on this machine). */
    long postmaster() {
        long backend = api.getBean(JdbcClient.class)
                .sql("select pg_backend_pid()")
                .query(Long.class)
                .single();
        return Math.max(0, ProcessCpu.parent(backend));
    }
}
