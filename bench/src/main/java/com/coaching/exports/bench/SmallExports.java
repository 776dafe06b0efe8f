package com.coaching.exports.bench;

import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.WorkerProcess;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The small phase: exports of 100 rows one after another (latency) and 100 at once (throughput),
 * the CPU each takes, one while a bulk export runs, and 100 at once on two workers.
 */
final class SmallExports {

    /** The parts of {@link BenchRun#cpu} that are the service itself: not the stand-ins, not the benchmark's client. */
    private static final Set<String> SERVICE = Set.of("api", "worker", "postgres");

    private final BenchRun run;
    private final ApiClient smallTrainer;
    /** Unmeasured small exports before they are measured (--warm-up). */
    private final int warmUpJobs;

    SmallExports(BenchRun run, ApiClient smallTrainer, int warmUpJobs) {
        this.run = run;
        this.smallTrainer = smallTrainer;
        this.warmUpJobs = warmUpJobs;
    }

    /**
     * 200 small exports one after another (latency), then 100 at once (throughput) with the CPU time
     * every process involved used for them; {@code repeat} times, the medians printed.
     */
    void onWorker(WorkerProcess worker) throws Exception {
        // measured warm, as COPY and the bulk export are: before this, most of the CPU of a small export
        // went into compiling its code (JIT: 60 % of the API's JVM, 45 % of the worker's, async-profiler)
        for (int round = 0; round < warmUpJobs / 100; round++) {
            run.exports().jobsPerSecond(smallTrainer, 100);
        }
        Profiler profiler = Profiler.fromEnvironment(
                "small", Map.of("bench", ProcessHandle.current().pid(), "worker", worker.pid()));
        profiler.start();
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        for (int i = 0; i < run.repeat(); i++) {
            oneRun(worker)
                    .forEach((name, value) ->
                            runs.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        }
        profiler.stop();
        runs.forEach(run.figures()::putMedian);
        run.figures()
                .put(
                        "load_average_1m",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private Map<String, Double> oneRun(WorkerProcess worker) {
        run.vacuum();
        Map<String, Double> figures = new LinkedHashMap<>();
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long one = System.nanoTime();
            run.exports().exportAndWait(smallTrainer, ExportCalls.A_YEAR_OF_PAYMENTS, Duration.ofSeconds(30));
            latencies.add(Baselines.seconds(one) * 1000);
        }
        Collections.sort(latencies);
        figures.put("small_p50_ms", latencies.get(99));
        figures.put("small_p95_ms", latencies.get(189));
        int jobs = 100;
        Map<String, Double> before = run.cpu(worker);
        figures.put("small_jobs_per_s_1_worker", run.exports().jobsPerSecond(smallTrainer, jobs));
        Map<String, Double> used = ProcessCpu.since(before, run.cpu(worker));
        double all = sum(used, part -> true);
        figures.put("small_cpu_ms_per_job", all / jobs);
        figures.put("small_cpu_ms_per_job_without_jit", (all - sum(used, part -> part.endsWith("_jit"))) / jobs);
        figures.put("small_cpu_ms_per_job_service", sum(used, SERVICE::contains) / jobs);
        used.forEach((part, ms) -> figures.put("small_cpu_ms_per_job_" + part, ms / jobs));
        return figures;
    }

    private static double sum(Map<String, Double> ms, Predicate<String> parts) {
        return ms.entrySet().stream()
                .filter(part -> parts.test(part.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** A small export's time, POST to SUCCEEDED, while a bulk export runs. */
    double duringBulk(ApiClient bigTrainer) {
        String bulk = ExportCalls.create(bigTrainer, ExportCalls.A_YEAR_OF_PAYMENTS);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!ExportCalls.status(bigTrainer, bulk).equals("RUNNING") && System.nanoTime() < deadline) {
            ExportCalls.pause(20);
        }
        long started = System.nanoTime();
        run.exports().exportAndWait(smallTrainer, ExportCalls.A_YEAR_OF_PAYMENTS, Duration.ofSeconds(60));
        double ms = Baselines.seconds(started) * 1000;
        bigTrainer.post("/api/v1/exports/" + bulk + "/cancel", "");
        ExportCalls.awaitFinal(bigTrainer, bulk, Duration.ofMinutes(2));
        return ms;
    }

    /** 100 at once, {@code repeat} times, now that a second worker takes them too. */
    void onTwoWorkers() {
        List<Double> perSecond = new ArrayList<>();
        for (int i = 0; i < run.repeat(); i++) {
            run.vacuum();
            perSecond.add(run.exports().jobsPerSecond(smallTrainer, 100));
        }
        run.figures().putMedian("small_jobs_per_s_2_workers", perSecond);
    }
}
