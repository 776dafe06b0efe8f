package com.coaching.exports.bench;

import com.coaching.exports.worker.WorkerApplication;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker in a JVM of its own with a small heap, as production runs it; its heap is sampled with
 * jstat so the benchmark can show it stays flat.
 */
final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong peakHeapKb = new AtomicLong();

    private WorkerProcess(Process process) {
        this.process = process;
        sampler.scheduleWithFixedDelay(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    static WorkerProcess start(String name, String heap, Map<String, String> settings, File log) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                javaTool("java"), "-Xmx" + heap, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "-Dexports.embedded.enabled=false",
                "-Dserver.port=0", // its actuator port: two workers run side by side
                "-Dexports.worker.id=" + name));
        String extra = System.getenv("BENCH_WORKER_OPTS"); // e.g. a JFR recording: see docs/performance.md
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(WorkerApplication.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        return new WorkerProcess(process);
    }

    void resetPeak() {
        peakHeapKb.set(0);
    }

    double peakHeapMb() {
        return peakHeapKb.get() / 1024.0;
    }

    /** jstat -gc: survivor, eden and old space in use, in KB. */
    private void sample() {
        try {
            Process jstat = new ProcessBuilder(javaTool("jstat"), "-gc", Long.toString(process.pid())).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                String[] header = out.readLine().trim().split("\\s+");
                String line = out.readLine();
                if (line == null) {
                    return;
                }
                String[] values = line.trim().split("\\s+");
                double used = 0;
                for (int i = 0; i < header.length; i++) {
                    if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                        used += Double.parseDouble(values[i]);
                    }
                }
                peakHeapKb.accumulateAndGet((long) used, Math::max);
            }
            jstat.waitFor();
        } catch (Exception e) {
            // the process is starting or gone: no sample
        }
    }

    private static String javaTool(String name) {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + name;
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdownNow();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
