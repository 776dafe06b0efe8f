package com.coaching.exports.testkit;

import com.coaching.exports.shared.storage.StorageProperties;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * A worker in a JVM of its own with a small heap, as production runs it: so that a test or the chaos
 * run can kill it for real, and the benchmark can sample its heap with one {@code jstat -gc <pid> 200}
 * (a line every 200 ms) to show it stays flat without loading the machine it measures. It runs on the
 * caller's class path, which must hold the worker.
 */
public final class WorkerProcess implements AutoCloseable {

    /** By name: the testkit does not depend on the worker, so an API test never carries it. */
    private static final String WORKER_APPLICATION = "com.coaching.exports.worker.WorkerApplication";

    private final Process process;
    private final Thread sampler;
    private final AtomicLong peakHeapKb = new AtomicLong();
    private volatile @Nullable Process jstat;

    private WorkerProcess(Process process, boolean sampleHeap) {
        this.process = process;
        this.sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        if (sampleHeap) {
            sampler.start();
        }
    }

    public static WorkerProcess start(String name, String heap, Map<String, String> settings, File log)
            throws Exception {
        return start(name, heap, settings, log, true);
    }

    /** As {@link #start(String, String, Map, File)}; {@code sampleHeap} false runs no jstat beside it. */
    public static WorkerProcess start(
            String name, String heap, Map<String, String> settings, File log, boolean sampleHeap) throws Exception {
        return start(WORKER_APPLICATION, name, heap, settings, log, sampleHeap);
    }

    /**
     * As {@link #start(String, String, Map, File, boolean)}, with another main class on the same class
     * path: the benchmark's peer runs in a JVM like the worker's.
     */
    public static WorkerProcess start(
            String mainClass, String name, String heap, Map<String, String> settings, File log, boolean sampleHeap)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                javaTool("java"),
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dexports.embedded.enabled=false",
                "-Dexports.source.migrate=true", // the demo's platform tables, as the API has them
                "-Dserver.port=0", // its actuator port: two workers run side by side
                "-Dexports.worker.id=" + name));
        String extra = System.getenv("BENCH_WORKER_OPTS"); // e.g. a JFR recording: see docs/performance.md
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(mainClass);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        return new WorkerProcess(process, sampleHeap);
    }

    /**
     * The settings of a worker beside a running API: its database, broker and store (the API's settings
     * hold the embedded services' addresses), the test secrets, leases renewed every second.
     */
    public static Map<String, String> besideApi(Environment api, StorageProperties storage) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("exports.worker.heartbeat-interval", "1s");
        settings.put("spring.datasource.url", api.getProperty("spring.datasource.url"));
        settings.put("spring.datasource.username", api.getProperty("spring.datasource.username"));
        settings.put("spring.datasource.password", api.getProperty("spring.datasource.password", ""));
        settings.put("spring.rabbitmq.host", api.getProperty("spring.rabbitmq.host"));
        settings.put("spring.rabbitmq.port", api.getProperty("spring.rabbitmq.port", "5672"));
        settings.put("spring.rabbitmq.username", api.getProperty("spring.rabbitmq.username", "guest"));
        settings.put("spring.rabbitmq.password", api.getProperty("spring.rabbitmq.password", "guest"));
        settings.put("spring.rabbitmq.virtual-host", api.getProperty("spring.rabbitmq.virtual-host", "/"));
        settings.put("exports.storage.endpoint", String.valueOf(storage.endpoint()));
        settings.put("exports.storage.bucket", storage.bucket());
        settings.put("exports.storage.access-key", storage.accessKey());
        settings.put("exports.storage.secret-key", storage.secretKey());
        settings.put("exports.storage.path-style-access", "true");
        settings.put("spring.mail.host", "127.0.0.1");
        settings.put("exports.links.secret", Tokens.LINK_SECRET);
        settings.put("exports.destinations.key", Tokens.DESTINATIONS_KEY);
        settings.put(Tokens.ALLOW_DEV_SECRETS, "true");
        return settings;
    }

    /** SIGKILL, as an OOM killer or a lost machine would: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        sampler.interrupt();
        process.destroyForcibly().waitFor();
    }

    /** The worker's process id, for the benchmark's CPU accounting. */
    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end by itself; its exit status, or -1 when it still ran after {@code timeout}. */
    public int waitFor(java.time.Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public void resetPeak() {
        peakHeapKb.set(0);
    }

    public double peakHeapMb() {
        return peakHeapKb.get() / 1024.0;
    }

    /** jstat -gc every 200 ms: survivor, eden and old space in use, in KB; started again while the worker starts. */
    private void sample() {
        while (process.isAlive() && !Thread.currentThread().isInterrupted()) {
            try {
                jstat = new ProcessBuilder(javaTool("jstat"), "-gc", Long.toString(process.pid()), "200").start();
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                    String headerLine = out.readLine();
                    List<String> header = headerLine == null
                            ? List.of()
                            : List.of(headerLine.trim().split("\\s+"));
                    for (String line; (line = out.readLine()) != null; ) {
                        String[] values = line.trim().split("\\s+", -1);
                        double used = 0;
                        for (String space : List.of("S0U", "S1U", "EU", "OU")) {
                            used += Double.parseDouble(values[header.indexOf(space)]);
                        }
                        peakHeapKb.accumulateAndGet((long) used, Math::max);
                    }
                }
                jstat.waitFor();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a line cut short by the worker's end: no sample
            }
            try {
                Thread.sleep(500); // jstat ended: the worker is starting (not attachable yet) or stopping
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String javaTool(String name) {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + name;
    }

    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        if (jstat != null) {
            jstat.destroy();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
