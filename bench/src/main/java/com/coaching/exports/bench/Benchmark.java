package com.coaching.exports.bench;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.shared.source.SourceDatabase;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.testkit.WorkerProcess;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark command (./bench/run): in one run, PostgreSQL's COPY of the payments query, the
 * old in-memory export, the pipeline (POST to SUCCEEDED) on a worker with a 128 MB heap, small
 * exports one after another, small exports at once on one and two workers, and a small export
 * while a bulk one runs. Prints one {@code name: value} per line. The phases are {@link
 * BulkExports} and {@link SmallExports}; this class holds the options and their order.
 */
public final class Benchmark {

    /** Unmeasured small exports (in rounds of 100 at once) before the small exports are measured. */
    static final int SMALL_WARM_UP_JOBS = 3_000;

    /**
     * Unmeasured exports followed through their event streams before those are measured: the stream's
     * code (Tomcat's asynchronous requests, the emitter) runs nowhere else in the benchmark.
     */
    static final int EVENT_WARM_UP = 500;

    private final ConfigurableApplicationContext api;
    private final int rows;
    /** Only the small exports' figures (--small-only): quicker while working on them. */
    private final boolean smallOnly;
    /** Only COPY and the pipeline as CSV, JSON Lines and XLSX (--bulk-only). */
    private final boolean bulkOnly;
    /** How often COPY, the pipeline and the small exports are measured (--repeat): the median is printed. */
    private final int repeat;
    /** Unmeasured small exports before they are measured (--warm-up). */
    private final int warmUpJobs;

    private Benchmark(
            ConfigurableApplicationContext api, int rows, boolean smallOnly, boolean bulkOnly, int repeat, int warmUp) {
        this.api = api;
        this.rows = rows;
        this.smallOnly = smallOnly;
        this.bulkOnly = bulkOnly;
        this.repeat = repeat;
        this.warmUpJobs = warmUp;
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        int at = arguments.indexOf("--rows");
        int rows = at >= 0 ? Integer.parseInt(arguments.get(at + 1)) : 2_000_000;
        boolean smallOnly = arguments.contains("--small-only");
        boolean bulkOnly = arguments.contains("--bulk-only");
        int repeatAt = arguments.indexOf("--repeat");
        int repeat = repeatAt >= 0 ? Integer.parseInt(arguments.get(repeatAt + 1)) : 1;
        int warmUpAt = arguments.indexOf("--warm-up");
        int warmUp = warmUpAt >= 0 ? Integer.parseInt(arguments.get(warmUpAt + 1)) : SMALL_WARM_UP_JOBS;
        Map<String, Object> settings = new HashMap<>(Tokens.devSecrets());
        settings.put("exports.jobs.max-active-per-trainer", 10_000);
        settings.put("exports.embedded.dir", ".local/bench");
        settings.put("exports.source.migrate", "true"); // the platform's tables, filled with the benchmark's rows
        settings.put("logging.level.root", "WARN");
        // seeding millions of rows is one long statement; the service's 60 s bound is for its own queries
        settings.put("exports.database.statement-timeout", "0");
        settings.put("exports.database.socket-timeout-seconds", 0);
        int status = 0;
        try (ConfigurableApplicationContext api = ApiApplication.application()
                .properties(settings)
                .run("--server.port=0", "--management.server.port=0")) {
            Benchmark benchmark = new Benchmark(api, rows, smallOnly, bulkOnly, repeat, warmUp);
            // the client's threads apart from the API's, whose CPU they would otherwise be counted in
            ThreadCpu.asClient(() -> {
                benchmark.run();
                return null;
            });
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        SourceDatabase source = api.getBean(SourceDatabase.class); // where the exports read the rows
        BenchData data = new BenchData(source.jdbc());
        long big = data.bigTrainer(rows);
        long small = data.smallTrainer();
        Instant since = Instant.now().minus(Duration.ofDays(365));
        Baselines baselines = new Baselines(source.dataSource());
        URI base = URI.create("http://localhost:" + api.getEnvironment().getProperty("local.server.port"));
        // the tests check every answer against the API's description; here that check would be measured
        ApiClient bigTrainer = new ApiClient(base, Tokens.trainer(big)).unchecked();
        ApiClient smallTrainer = new ApiClient(base, Tokens.trainer(small)).unchecked();

        Figures figures = new Figures();
        figures.put("rows", rows);
        ExportCalls exports = new ExportCalls(new JobWatch(api.getBean(JdbcClient.class)));
        BenchRun run = new BenchRun(api, rows, repeat, exports, figures);
        BulkExports bulk = new BulkExports(run, baselines, big, bigTrainer, since);
        SmallExports smallExports = new SmallExports(run, smallTrainer, warmUpJobs);
        if (!smallOnly && !bulkOnly) {
            bulk.naive();
        }
        if (!smallOnly) {
            bulk.withoutStore(smallTrainer);
        }
        try (WorkerProcess first =
                WorkerProcess.start("bench-worker-1", "128m", run.workerSettings(), BenchRun.log("1"))) {
            exports.warmUp(smallTrainer);
            if (!smallOnly) {
                bulk.onWorker(first);
                bulk.jsonl(first);
                bulk.xlsx(first);
                bulk.bundle(first);
            }
            if (bulkOnly) {
                figures.print();
                return;
            }
            if (!smallOnly) {
                bulk.springBatch();
            }
            smallExports.onWorker(first);
            // POST to the terminal event of the job's event stream, as a client that listens sees it
            List<Double> events = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                run.vacuum();
                events.add(EventLatency.p50Ms(
                        base, Tokens.trainer(small), ExportCalls.A_YEAR_OF_PAYMENTS, i == 0 ? EVENT_WARM_UP : 0, 100));
            }
            figures.putMedian("small_event_p50_ms", events);
            if (!smallOnly) {
                figures.put("small_during_bulk_ms", smallExports.duringBulk(bigTrainer));
            }
            try (WorkerProcess second =
                    WorkerProcess.start("bench-worker-2", "128m", run.workerSettings(), BenchRun.log("2"))) {
                exports.warmUp(smallTrainer);
                smallExports.onTwoWorkers();
            }
        }
        figures.print();
    }
}
