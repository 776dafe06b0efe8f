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

/**
 * The small phase: exports of 100 rows one after another (latency) and 100 at once (throughput),
 * the CPU each takes, one while a bulk export runs, and 100 at once on two workers.
 */
final class SmallExports {

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
        long postmaster = run.postmaster();
        Map<String, Double> before = ProcessCpu.sample(BenchRun.processes(worker), postmaster);
        figures.put("small_jobs_per_s_1_worker", run.exports().jobsPerSecond(smallTrainer, jobs));
        Map<String, Double> used = ProcessCpu.since(before, ProcessCpu.sample(BenchRun.processes(worker), postmaster));
        double all = used.entrySet().stream()
                .filter(process -> !process.getKey().endsWith("_jit"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        double jit = used.entrySet().stream()
                .filter(process -> process.getKey().endsWith("_jit"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        figures.put("small_cpu_ms_per_job", all / jobs);
        figures.put("small_cpu_ms_per_job_without_jit", (all - jit) / jobs);
        used.forEach((process, ms) -> figures.put("small_cpu_ms_per_job_" + process, ms / jobs));
        return figures;
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
            perSecond.add(run.exports().jobsPerSecond(smallTrainer, 100));
        }
        run.figures().putMedian("small_jobs_per_s_2_workers", perSecond);
    }
}
