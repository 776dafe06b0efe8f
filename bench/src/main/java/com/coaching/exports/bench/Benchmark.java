package com.coaching.exports.bench;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.embedded.faults.FaultyServices;
import com.coaching.exports.shared.source.SourceDatabase;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.testkit.WorkerProcess;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark command (./bench/run): in one run, PostgreSQL's COPY of the payments query, the
 * old in-memory export, the pipeline (POST to SUCCEEDED) on a worker with a 128 MB heap, small
 * exports one after another, small exports at once on one and two workers, and a small export
 * while a bulk one runs. Prints one {@code name: value} per line.
 */
public final class Benchmark {

    static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    /** How often a small export's row is looked at (JobWatch): its latency is what is measured. */
    static final Duration SMALL_POLL = Duration.ofMillis(2);
    /** How often the rows of 100 small exports submitted at once are looked at. */
    static final Duration ALL_POLL = Duration.ofMillis(10);
    /** Unmeasured small exports (in rounds of 100 at once) before the small exports are measured. */
    static final int SMALL_WARM_UP_JOBS = 3_000;

    static final Duration BULK_POLL = Duration.ofMillis(250);
    /** The most rows the old in-memory export is tried with. */
    static final int NAIVE_MAX_ROWS = 2_500_000;
    /** The one request of the benchmark; the trainer it is made for decides its size (N rows or 100). */
    static final String A_YEAR_OF_PAYMENTS = "{\"dataset\": \"payments\", \"days\": 365}";

    static final String A_YEAR_OF_PAYMENTS_XLSX = "{\"dataset\": \"payments\", \"days\": 365, \"format\": \"xlsx\"}";
    /** A twelfth of the rows: several upload parts, to warm the multipart path before it is measured. */
    static final String A_MONTH_OF_PAYMENTS = "{\"dataset\": \"payments\", \"days\": 30}";

    private final Map<String, String> figures = new LinkedHashMap<>();
    private final ConfigurableApplicationContext api;
    private final int rows;
    /** Only the small exports' figures (--small-only): quicker while working on them. */
    private final boolean smallOnly;
    /** Only COPY and the CSV pipeline (--bulk-only). */
    private final boolean bulkOnly;
    /** How often COPY, the pipeline and the small exports are measured (--repeat): the median is printed. */
    private final int repeat;
    /** Unmeasured small exports before they are measured (--warm-up). */
    private final int warmUpJobs;

    private JobWatch watch;
    private long bigTrainerId;
    /** The last measured N-row CSV export, and the median speed of the pipeline. */
    private String pipelineId;

    private double pipelineRowsPerSecond;

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
        settings.put("exports.api.max-active-jobs", 10_000);
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
            new Benchmark(api, rows, smallOnly, bulkOnly, repeat, warmUp).run();
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
        bigTrainerId = big;
        long small = data.smallTrainer();
        Instant since = Instant.now().minus(Duration.ofDays(365));
        Baselines baselines = new Baselines(source.dataSource());
        URI base = URI.create("http://localhost:" + api.getEnvironment().getProperty("local.server.port"));
        // the tests check every answer against the API's description; here that check would be measured
        ApiClient bigTrainer = new ApiClient(base, Tokens.trainer(big)).unchecked();
        ApiClient smallTrainer = new ApiClient(base, Tokens.trainer(small)).unchecked();

        put("rows", rows);
        watch = new JobWatch(api.getBean(JdbcClient.class));
        if (!smallOnly && !bulkOnly) {
            naive(baselines, big, since);
        }
        if (!smallOnly) {
            bulkWithoutStore(baselines, bigTrainer, smallTrainer, since);
        }
        try (WorkerProcess first = WorkerProcess.start("bench-worker-1", "128m", workerSettings(), log("1"))) {
            warmUp(smallTrainer);
            if (!smallOnly) {
                bulk(first, baselines, bigTrainer, since);
            }
            if (bulkOnly) {
                print();
                return;
            }
            if (!smallOnly) {
                xlsxAndPeer(first, bigTrainer);
            }
            smallJobs(first, smallTrainer);
            // POST to the terminal event of the job's event stream, as a client that listens sees it
            put("small_event_p50_ms", EventLatency.p50Ms(base, Tokens.trainer(small), A_YEAR_OF_PAYMENTS, 50));
            if (!smallOnly) {
                put("small_during_bulk_ms", smallDuringBulk(bigTrainer, smallTrainer));
            }
            try (WorkerProcess second = WorkerProcess.start("bench-worker-2", "128m", workerSettings(), log("2"))) {
                warmUp(smallTrainer);
                List<Double> perSecond = new ArrayList<>();
                for (int run = 0; run < repeat; run++) {
                    perSecond.add(smallJobsPerSecond(smallTrainer, 100));
                }
                putMedian("small_jobs_per_s_2_workers", perSecond);
            }
        }
        print();
    }

    private void print() {
        figures.forEach((name, value) -> System.out.println(name + ": " + value));
    }

    private void naive(Baselines baselines, long big, Instant since) throws Exception {
        if (rows <= NAIVE_MAX_ROWS) {
            Baselines.Naive naive = baselines.naive(big, since);
            put("naive_rows_per_s", naive.rowsPerSecond());
            put("naive_peak_heap_mb", naive.peakHeapMb());
        } else {
            // about 1.8 KB a row: the old way cannot hold this many in the benchmark's 6 GB heap
            figures.put("naive_rows_per_s", "skipped (over " + NAIVE_MAX_ROWS + " rows do not fit in memory)");
            figures.put("naive_peak_heap_mb", "skipped");
        }
    }

    /**
     * COPY and the N-row CSV export, {@code repeat} times each in turn, with the CPU time each process
     * used during the export.
     */
    private void bulk(WorkerProcess worker, Baselines baselines, ApiClient bigTrainer, Instant since) throws Exception {
        pipelineRowsPerSecond = bulkRuns(worker, baselines, bigTrainer, since, "pipeline");
        put(
                "pipeline_file_mb",
                bigTrainer
                                .get("/api/v1/exports/" + pipelineId)
                                .json()
                                .get("result")
                                .get("sizeBytes")
                                .asLong()
                        / 1e6);
    }

    /**
     * The same, on a worker whose store keeps nothing ({@link DiscardingStore}): the pipeline without
     * s3proxy on the same two cores. Runs before the first worker starts, as both would take the jobs.
     */
    private void bulkWithoutStore(Baselines baselines, ApiClient bigTrainer, ApiClient smallTrainer, Instant since)
            throws Exception {
        try (DiscardingStore store = DiscardingStore.start()) {
            Map<String, String> settings = workerSettings();
            settings.put("exports.storage.endpoint", store.endpoint().toString());
            try (WorkerProcess worker =
                    WorkerProcess.start("bench-worker-discarding", "128m", settings, log("discarding"))) {
                warmUp(smallTrainer);
                bulkRuns(worker, baselines, bigTrainer, since, "pipeline_discarding_store");
            }
        }
    }

    /** Puts {@code <name>_rows_per_s}, {@code _vs_copy} and {@code _cpu_s_<process>}; the median speed. */
    private double bulkRuns(WorkerProcess worker, Baselines baselines, ApiClient bigTrainer, Instant since, String name)
            throws Exception {
        // as COPY is measured on its second run: the first bulk export compiles its code paths
        baselines.copyRowsPerSecond(bigTrainerId, since);
        exportAndWait(bigTrainer, A_MONTH_OF_PAYMENTS, Duration.ofMinutes(10));
        List<Double> copies = new ArrayList<>();
        List<Double> pipelines = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> heaps = new ArrayList<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Profiler profiler = Profiler.fromEnvironment(
                name, Map.of("bench", ProcessHandle.current().pid(), "worker", worker.pid()));
        profiler.start();
        for (int run = 0; run < repeat; run++) {
            double copy = baselines.copyRowsPerSecond(bigTrainerId, since);
            worker.resetPeak();
            Map<String, Double> before = ProcessCpu.sample(processes(worker), postmaster());
            pipelineId = create(bigTrainer, A_YEAR_OF_PAYMENTS);
            double seconds = secondsToSucceed(bigTrainer, pipelineId, Duration.ofMinutes(10));
            ProcessCpu.since(before, ProcessCpu.sample(processes(worker), postmaster()))
                    .forEach((process, ms) ->
                            cpu.computeIfAbsent(process, p -> new ArrayList<>()).add(ms / 1000));
            copies.add(copy);
            pipelines.add(rows / seconds);
            ratios.add(rows / seconds / copy);
            heaps.add(worker.peakHeapMb());
        }
        profiler.stop();
        putMedian("copy_rows_per_s" + (name.equals("pipeline") ? "" : "_beside_" + name), copies);
        putMedian(name + "_rows_per_s", pipelines);
        putMedian(name + "_vs_copy", ratios);
        putMedian(name.equals("pipeline") ? "worker_peak_heap_mb" : name + "_worker_peak_heap_mb", heaps);
        cpu.forEach((process, seconds) -> putMedian(name + "_cpu_s_" + process, seconds));
        return median(pipelines);
    }

    /** The N rows as XLSX, on the first worker, and the Spring Batch peer. */
    private void xlsxAndPeer(WorkerProcess worker, ApiClient bigTrainer) throws Exception {
        springBatch(pipelineRowsPerSecond);
        // the same rows as a typed, streamed XLSX workbook (docs/performance.md: why fastexcel)
        worker.resetPeak();
        String xlsx = create(bigTrainer, A_YEAR_OF_PAYMENTS_XLSX);
        double xlsxSeconds = secondsToSucceed(bigTrainer, xlsx, Duration.ofMinutes(20));
        put("xlsx_rows_per_s", rows / xlsxSeconds);
        put("xlsx_vs_csv", rows / xlsxSeconds / pipelineRowsPerSecond);
        put("xlsx_worker_peak_heap_mb", worker.peakHeapMb());
    }

    /**
     * The same export as a Spring Batch job (SpringBatchExport) in a JVM like the worker's, after one
     * unmeasured month of the rows in that JVM, as the pipeline had.
     */
    private void springBatch(double pipelineRowsPerSecond) throws Exception {
        Instant until = Instant.now();
        Map<String, String> settings = workerSettings();
        settings.put("bench.trainer", Long.toString(bigTrainerId));
        settings.put("bench.since", until.minus(Duration.ofDays(365)).toString());
        settings.put("bench.warm-up-since", until.minus(Duration.ofDays(30)).toString());
        settings.put("bench.until", until.toString());
        settings.put("bench.key", "bench/spring-batch/payments.csv");
        File log = log("spring-batch");
        double peakHeapMb;
        try (WorkerProcess peer =
                WorkerProcess.start(SpringBatchExport.class.getName(), "spring-batch", "128m", settings, log, true)) {
            int exit = peer.waitFor(Duration.ofMinutes(30));
            if (exit != 0) {
                throw new IllegalStateException("the Spring Batch export ended with " + exit + ": see " + log);
            }
            peakHeapMb = peer.peakHeapMb();
        }
        double seconds = java.nio.file.Files.readAllLines(log.toPath()).stream()
                .filter(line -> line.startsWith("spring_batch_seconds: "))
                .mapToDouble(line -> Double.parseDouble(line.substring("spring_batch_seconds: ".length())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no spring_batch_seconds in " + log));
        put("spring_batch_rows_per_s", rows / seconds);
        put("spring_batch_peak_heap_mb", peakHeapMb);
        put("pipeline_vs_spring_batch", pipelineRowsPerSecond / (rows / seconds));
    }

    /**
     * 200 small exports one after another (latency), then 100 at once (throughput) with the CPU time
     * every process involved used for them; {@code repeat} times, the medians printed.
     */
    private void smallJobs(WorkerProcess worker, ApiClient smallTrainer) throws Exception {
        // measured warm, as COPY and the bulk export are: before this, most of the CPU of a small export
        // went into compiling its code (JIT: 60 % of the API's JVM, 45 % of the worker's, async-profiler)
        for (int round = 0; round < warmUpJobs / 100; round++) {
            smallJobsPerSecond(smallTrainer, 100);
        }
        Profiler profiler = Profiler.fromEnvironment(
                "small", Map.of("bench", ProcessHandle.current().pid(), "worker", worker.pid()));
        profiler.start();
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        for (int run = 0; run < repeat; run++) {
            smallRun(worker, smallTrainer)
                    .forEach((name, value) ->
                            runs.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        }
        profiler.stop();
        runs.forEach(this::putMedian);
        put("load_average_1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private Map<String, Double> smallRun(WorkerProcess worker, ApiClient smallTrainer) {
        Map<String, Double> run = new LinkedHashMap<>();
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long one = System.nanoTime();
            exportAndWait(smallTrainer, A_YEAR_OF_PAYMENTS, Duration.ofSeconds(30));
            latencies.add(Baselines.seconds(one) * 1000);
        }
        Collections.sort(latencies);
        run.put("small_p50_ms", latencies.get(99));
        run.put("small_p95_ms", latencies.get(189));
        int jobs = 100;
        long postmaster = postmaster();
        Map<String, Double> before = ProcessCpu.sample(processes(worker), postmaster);
        run.put("small_jobs_per_s_1_worker", smallJobsPerSecond(smallTrainer, jobs));
        Map<String, Double> used = ProcessCpu.since(before, ProcessCpu.sample(processes(worker), postmaster));
        double all = used.entrySet().stream()
                .filter(process -> !process.getKey().endsWith("_jit"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        double jit = used.entrySet().stream()
                .filter(process -> process.getKey().endsWith("_jit"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        run.put("small_cpu_ms_per_job", all / jobs);
        run.put("small_cpu_ms_per_job_without_jit", (all - jit) / jobs);
        used.forEach((process, ms) -> run.put("small_cpu_ms_per_job_" + process, ms / jobs));
        return run;
    }

    /** The processes whose CPU time is counted, besides PostgreSQL's. */
    private static Map<String, Long> processes(WorkerProcess worker) {
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("api_broker_store_bench", ProcessHandle.current().pid());
        processes.put("worker", worker.pid());
        return processes;
    }

    /** PostgreSQL's postmaster: the parent of this connection's backend (0 when not on this machine). */
    private long postmaster() {
        long backend = api.getBean(JdbcClient.class)
                .sql("select pg_backend_pid()")
                .query(Long.class)
                .single();
        return Math.max(0, ProcessCpu.parent(backend));
    }

    /** Until the worker process answers: a few small exports. */
    private void warmUp(ApiClient trainer) {
        for (int i = 0; i < 5; i++) {
            exportAndWait(trainer, A_YEAR_OF_PAYMENTS, Duration.ofMinutes(2));
        }
    }

    private double smallJobsPerSecond(ApiClient trainer, int jobs) {
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(create(trainer, A_YEAR_OF_PAYMENTS));
        }
        watch.awaitAllSucceeded(ids, Duration.ofMinutes(5), ALL_POLL);
        return jobs / Baselines.seconds(started);
    }

    /** A small export's time, POST to SUCCEEDED, while a bulk export runs. */
    private double smallDuringBulk(ApiClient bigTrainer, ApiClient smallTrainer) {
        String bulk = create(bigTrainer, A_YEAR_OF_PAYMENTS);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!status(bigTrainer, bulk).equals("RUNNING") && System.nanoTime() < deadline) {
            pause(20);
        }
        long started = System.nanoTime();
        exportAndWait(smallTrainer, A_YEAR_OF_PAYMENTS, Duration.ofSeconds(60));
        double ms = Baselines.seconds(started) * 1000;
        bigTrainer.post("/api/v1/exports/" + bulk + "/cancel", "");
        awaitFinal(bigTrainer, bulk, Duration.ofMinutes(2));
        return ms;
    }

    /**
     * A bulk export's time from POST to SUCCEEDED, as the job records it (created at, finished at):
     * looking every 5 ms for seconds on end would load the API, and so the pipeline it measures.
     */
    private static double secondsToSucceed(ApiClient trainer, String id, Duration timeout) {
        String status = awaitFinal(trainer, id, timeout, BULK_POLL);
        if (!status.equals("SUCCEEDED")) {
            throw new IllegalStateException("export " + id + " ended " + status);
        }
        JsonNode job = trainer.get("/api/v1/exports/" + id).json();
        return Duration.between(
                                Instant.parse(job.get("createdAt").asString()),
                                Instant.parse(job.get("finishedAt").asString()))
                        .toNanos()
                / 1e9;
    }

    private String exportAndWait(ApiClient trainer, String body, Duration timeout) {
        String id = create(trainer, body);
        String status = watch.awaitFinal(id, timeout, SMALL_POLL);
        if (!status.equals("SUCCEEDED")) {
            throw new IllegalStateException("export " + id + " ended " + status);
        }
        return id;
    }

    private static String create(ApiClient trainer, String body) {
        var response = trainer.post("/api/v1/exports", body);
        if (response.status() != 202) {
            throw new IllegalStateException("POST answered " + response);
        }
        return response.json().get("id").asString();
    }

    private static String awaitFinal(ApiClient trainer, String id, Duration timeout) {
        return awaitFinal(trainer, id, timeout, BULK_POLL);
    }

    private static String awaitFinal(ApiClient trainer, String id, Duration timeout, Duration poll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String status = status(trainer, id);
            if (FINAL.contains(status)) {
                return status;
            }
            pause(poll.toMillis());
        }
        throw new IllegalStateException("export " + id + " did not finish within " + timeout);
    }

    private static String status(ApiClient trainer, String id) {
        return trainer.get("/api/v1/exports/" + id).json().get("status").asString();
    }

    /** The services the API runs against, for the worker processes. */
    private Map<String, String> workerSettings() {
        Environment env = api.getEnvironment();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : FaultyServices.SERVICE_SETTINGS) {
            String value = env.getProperty(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        settings.put("exports.links.secret", Tokens.LINK_SECRET);
        settings.put(Tokens.ALLOW_DEV_SECRETS, "true");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.com.coaching.exports", "INFO");
        return settings;
    }

    private static File log(String worker) {
        File dir = new File("bench/target");
        dir.mkdirs();
        return new File(dir, "worker-" + worker + ".log");
    }

    /** The median of the runs, and each run in brackets when there were several. */
    private void putMedian(String name, List<Double> runs) {
        put(name, median(runs));
        if (runs.size() > 1) {
            figures.put(
                    name,
                    figures.get(name) + " (runs: "
                            + String.join(
                                    ", ", runs.stream().map(Benchmark::format).toList()) + ")");
        }
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private void put(String name, double value) {
        figures.put(name, format(value));
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
