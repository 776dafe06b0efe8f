package com.coaching.exports.bench;

import com.coaching.exports.testkit.WorkerProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/** The chaos run's two worker processes: started, killed and started again, each generation with its own log. */
final class ChaosWorkers {

    private final Map<String, String> settings;
    private final WorkerProcess[] workers = new WorkerProcess[2];
    private final int[] generation = new int[2];

    ChaosWorkers(Map<String, String> settings) {
        this.settings = settings;
    }

    int count() {
        return workers.length;
    }

    /** Starts both, and waits until both started: a JVM may take minutes to start on a busy machine. */
    void startAll() throws Exception {
        for (int i = 0; i < workers.length; i++) {
            start(i);
        }
        for (int i = 0; i < workers.length; i++) {
            awaitStarted(i);
        }
    }

    /** Starts again each worker that is not alive (killed last). */
    void restartDead() throws Exception {
        for (int i = 0; i < workers.length; i++) {
            if (!workers[i].isAlive()) {
                start(i);
            }
        }
    }

    String kill(int i) throws Exception {
        Chaos.log("fault: SIGKILL worker %d (chaos-worker-%d-%d)", i, i + 1, generation[i]);
        workers[i].kill();
        start(i);
        return "worker killed";
    }

    private void start(int i) throws Exception {
        generation[i]++;
        File dir = new File("bench/target");
        dir.mkdirs();
        workers[i] = WorkerProcess.start(name(i), "256m", settings, log(i), false);
    }

    private String name(int i) {
        return "chaos-worker-" + (i + 1) + "-" + generation[i];
    }

    private File log(int i) {
        return new File("bench/target", name(i) + ".log");
    }

    /** Until worker {@code i}'s log says it started (five minutes at most). */
    private void awaitStarted(int i) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log(i).toPath(), StandardCharsets.UTF_8).contains("Started WorkerApplication")) {
                Chaos.log("%s started", name(i));
                return;
            }
            Chaos.pause(Duration.ofSeconds(1));
        }
        throw new IllegalStateException(name(i) + " did not start within five minutes: see " + log(i));
    }

    /** Ends every worker process (not an AutoCloseable: ending one may be interrupted). */
    void closeAll() throws InterruptedException {
        for (WorkerProcess worker : workers) {
            if (worker != null) {
                worker.close();
            }
        }
    }
}
