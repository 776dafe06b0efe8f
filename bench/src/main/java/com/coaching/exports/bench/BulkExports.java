package com.coaching.exports.bench;

import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.WorkerProcess;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bulk phase: the big trainer's N rows as the old in-memory export, as CSV beside PostgreSQL's
 * COPY (on a worker whose store keeps nothing, then on the real one), as JSON Lines, bundled in a ZIP
 * with the other datasets, as XLSX, and as the Spring Batch peer.
 */
final class BulkExports {

    /** The most rows the old in-memory export is tried with. */
    static final int NAIVE_MAX_ROWS = 2_500_000;

    private final BenchRun run;
    private final Baselines baselines;
    private final long bigTrainerId;
    private final ApiClient bigTrainer;
    private final Instant since;
    /** The last measured N-row CSV export, and the median speed of the pipeline. */
    private @Nullable String pipelineId;

    private double pipelineRowsPerSecond;

    BulkExports(BenchRun run, Baselines baselines, long bigTrainerId, ApiClient bigTrainer, Instant since) {
        this.run = run;
        this.baselines = baselines;
        this.bigTrainerId = bigTrainerId;
        this.bigTrainer = bigTrainer;
        this.since = since;
    }

    void naive() throws Exception {
        if (run.rows() <= NAIVE_MAX_ROWS) {
            Baselines.Naive naive = baselines.naive(bigTrainerId, since);
            run.figures().put("naive_rows_per_s", naive.rowsPerSecond());
            run.figures().put("naive_peak_heap_mb", naive.peakHeapMb());
        } else {
            // about 1.8 KB a row: the old way cannot hold this many in the benchmark's 6 GB heap
            run.figures()
                    .putText("naive_rows_per_s", "skipped (over " + NAIVE_MAX_ROWS + " rows do not fit in memory)");
            run.figures().putText("naive_peak_heap_mb", "skipped");
        }
    }

    /**
     * COPY and the N-row CSV export, {@code repeat} times each in turn, with the CPU time each process
     * used during the export.
     */
    void onWorker(WorkerProcess worker) throws Exception {
        pipelineRowsPerSecond = runs(worker, "pipeline");
        run.figures()
                .put(
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
    void withoutStore(ApiClient smallTrainer) throws Exception {
        try (DiscardingStore store = DiscardingStore.start()) {
            Map<String, String> settings = run.workerSettings();
            settings.put("exports.storage.endpoint", store.endpoint().toString());
            try (WorkerProcess worker =
                    WorkerProcess.start("bench-worker-discarding", "128m", settings, BenchRun.log("discarding"))) {
                run.exports().warmUp(smallTrainer);
                runs(worker, "pipeline_discarding_store");
            }
        }
    }

    /**
     * Puts {@code <name>_rows_per_s}, {@code _vs_copy} and the CPU per million rows (named {@code csv}
     * for the pipeline); the median speed.
     */
    private double runs(WorkerProcess worker, String name) throws Exception {
        // as COPY is measured on its second run: the first bulk export compiles its code paths
        baselines.copyRowsPerSecond(bigTrainerId, since);
        run.exports().exportAndWait(bigTrainer, ExportCalls.A_MONTH_OF_PAYMENTS, Duration.ofMinutes(10));
        List<Double> copies = new ArrayList<>();
        List<Double> pipelines = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> heaps = new ArrayList<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Profiler profiler = Profiler.fromEnvironment(
                name, Map.of("bench", ProcessHandle.current().pid(), "worker", worker.pid()));
        profiler.start();
        for (int i = 0; i < run.repeat(); i++) {
            run.vacuum();
            double copy = baselines.copyRowsPerSecond(bigTrainerId, since);
            worker.resetPeak();
            Map<String, Double> before = run.cpu(worker);
            pipelineId = ExportCalls.create(bigTrainer, ExportCalls.A_YEAR_OF_PAYMENTS);
            double seconds = ExportCalls.secondsToSucceed(bigTrainer, pipelineId, Duration.ofMinutes(10));
            ProcessCpu.since(before, run.cpu(worker))
                    .forEach((process, ms) ->
                            cpu.computeIfAbsent(process, p -> new ArrayList<>()).add(ms / 1000));
            copies.add(copy);
            pipelines.add(run.rows() / seconds);
            ratios.add(run.rows() / seconds / copy);
            heaps.add(worker.peakHeapMb());
        }
        profiler.stop();
        Figures figures = run.figures();
        figures.putMedian("copy_rows_per_s" + (name.equals("pipeline") ? "" : "_beside_" + name), copies);
        figures.putMedian(name + "_rows_per_s", pipelines);
        figures.putMedian(name + "_vs_copy", ratios);
        figures.putMedian(name.equals("pipeline") ? "worker_peak_heap_mb" : name + "_worker_peak_heap_mb", heaps);
        putCpuPerMillionRows(name.replace("pipeline", "csv"), cpu);
        return Figures.median(pipelines);
    }

    /**
     * The N rows as JSON Lines, {@code repeat} times, on the first worker: its speed as a share of the
     * CSV export's ({@code jsonl_vs_csv}, 1.0 = as fast), its file's size and the worker's peak heap.
     */
    void jsonl(WorkerProcess worker) throws Exception {
        otherFormat(worker, "jsonl", ExportCalls.A_YEAR_OF_PAYMENTS_JSONL);
    }

    /** The same as XLSX: a typed workbook written from the binary COPY (docs/performance.md). */
    void xlsx(WorkerProcess worker) throws Exception {
        otherFormat(worker, "xlsx", ExportCalls.A_YEAR_OF_PAYMENTS_XLSX);
    }

    /**
     * Puts {@code <name>_rows_per_s}, {@code _vs_csv}, {@code _worker_peak_heap_mb}, {@code _file_mb}
     * and {@code _cpu_s_per_million_rows_<part>} (medians of {@code repeat} runs) for the N rows in another format.
     */
    private void otherFormat(WorkerProcess worker, String name, String request) throws Exception {
        List<Double> speeds = new ArrayList<>();
        List<Double> heaps = new ArrayList<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        String last = null;
        for (int i = 0; i < run.repeat(); i++) {
            run.vacuum();
            worker.resetPeak();
            Map<String, Double> before = run.cpu(worker);
            last = ExportCalls.create(bigTrainer, request);
            speeds.add(run.rows() / ExportCalls.secondsToSucceed(bigTrainer, last, Duration.ofMinutes(20)));
            ProcessCpu.since(before, run.cpu(worker))
                    .forEach((process, ms) ->
                            cpu.computeIfAbsent(process, p -> new ArrayList<>()).add(ms / 1000));
            heaps.add(worker.peakHeapMb());
        }
        Figures figures = run.figures();
        figures.putMedian(name + "_rows_per_s", speeds);
        figures.put(name + "_vs_csv", Figures.median(speeds) / pipelineRowsPerSecond);
        figures.putMedian(name + "_worker_peak_heap_mb", heaps);
        figures.put(
                name + "_file_mb",
                bigTrainer
                                .get("/api/v1/exports/" + last)
                                .json()
                                .get("result")
                                .get("sizeBytes")
                                .asLong()
                        / 1e6);
        putCpuPerMillionRows(name, cpu);
    }

    /**
     * {@code <format>_cpu_s_per_million_rows_<part>}: the CPU seconds a million rows cost each part
     * ({@link BenchRun#cpu}), the median of the runs; docs/operations.md sizes deployments from them.
     */
    private void putCpuPerMillionRows(String format, Map<String, List<Double>> cpuSeconds) {
        double millions = run.rows() / 1e6;
        cpuSeconds.forEach((part, seconds) -> run.figures()
                .putMedian(
                        format + "_cpu_s_per_million_rows_" + part,
                        seconds.stream().map(s -> s / millions).toList()));
    }

    /**
     * The N rows bundled with the trainer's subscribers and trainees, once, on the first worker: the
     * ZIP streamed under the worker's 128 MB heap ({@code bundle_worker_peak_heap_mb}), its speed and size.
     */
    void bundle(WorkerProcess worker) throws Exception {
        worker.resetPeak();
        String bundle = ExportCalls.create(bigTrainer, ExportCalls.A_YEAR_BUNDLED);
        double seconds = ExportCalls.secondsToSucceed(bigTrainer, bundle, Duration.ofMinutes(10));
        Figures figures = run.figures();
        figures.put("bundle_worker_peak_heap_mb", worker.peakHeapMb());
        figures.put("bundle_rows_per_s", run.rows() / seconds);
        figures.put(
                "bundle_file_mb",
                bigTrainer
                                .get("/api/v1/exports/" + bundle)
                                .json()
                                .get("result")
                                .get("sizeBytes")
                                .asLong()
                        / 1e6);
    }

    /**
     * The same export as a Spring Batch job (SpringBatchExport) in a JVM like the worker's, after one
     * unmeasured month of the rows in that JVM, as the pipeline had.
     */
    void springBatch() throws Exception {
        Instant until = Instant.now();
        Map<String, String> settings = run.workerSettings();
        settings.put("bench.trainer", Long.toString(bigTrainerId));
        settings.put("bench.since", until.minus(Duration.ofDays(365)).toString());
        settings.put("bench.warm-up-since", until.minus(Duration.ofDays(30)).toString());
        settings.put("bench.until", until.toString());
        settings.put("bench.key", "bench/spring-batch/payments.csv");
        File log = BenchRun.log("spring-batch");
        double peakHeapMb;
        try (WorkerProcess peer =
                WorkerProcess.start(SpringBatchExport.class.getName(), "spring-batch", "128m", settings, log, true)) {
            int exit = peer.waitFor(Duration.ofMinutes(30));
            if (exit != 0) {
                throw new IllegalStateException("the Spring Batch export ended with " + exit + ": see " + log);
            }
            peakHeapMb = peer.peakHeapMb();
        }
        double seconds = Files.readAllLines(log.toPath()).stream()
                .filter(line -> line.startsWith("spring_batch_seconds: "))
                .mapToDouble(line -> Double.parseDouble(line.substring("spring_batch_seconds: ".length())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no spring_batch_seconds in " + log));
        run.figures().put("spring_batch_rows_per_s", run.rows() / seconds);
        run.figures().put("spring_batch_peak_heap_mb", peakHeapMb);
        run.figures().put("pipeline_vs_spring_batch", pipelineRowsPerSecond / (run.rows() / seconds));
    }
}
