package com.coaching.exports.worker.export;

import com.coaching.exports.worker.WorkerProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The jobs this worker's threads run right now, and its graceful shutdown: on stop it takes no new
 * job, lets the running ones finish within the grace period, then tells them to stop and requeue
 * their jobs. Its phase is the listener containers' own (Spring AMQP's default, {@code
 * Integer.MAX_VALUE}), so no phase puts one stop before the other and this one relies on no order:
 * it waits for, or stops and requeues, the exports running here however their containers stop, and
 * a job it cannot requeue in time is requeued by another worker's lease sweeper.
 *
 * <p>A job is counted once per thread holding it: two deliveries of one job to two consumers
 * (one claims it, the other finds it taken) leave it counted until both are done.
 */
@Component
public class RunningJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunningJobs.class);
    /** How long stopped exports get to abort their upload and requeue their job. */
    private static final Duration REQUEUE_TIME = Duration.ofSeconds(10);

    private final Map<UUID, Integer> running = new ConcurrentHashMap<>();
    private final Duration grace;
    private volatile boolean draining;
    private volatile boolean stopRunning;
    private volatile boolean started;

    RunningJobs(WorkerProperties properties) {
        this.grace = properties.shutdownGrace();
    }

    /** Whether a new job may start here; false once the worker is shutting down. */
    boolean admit(UUID jobId) {
        if (draining) {
            return false;
        }
        running.merge(jobId, 1, Integer::sum);
        return true;
    }

    void finished(UUID jobId) {
        running.computeIfPresent(jobId, (id, threads) -> threads == 1 ? null : threads - 1);
    }

    /** The jobs whose leases this worker renews. */
    public Set<UUID> jobs() {
        return Set.copyOf(running.keySet());
    }

    /** Whether running exports must stop now and requeue their job. */
    boolean mustStop() {
        return stopRunning;
    }

    public boolean draining() {
        return draining;
    }

    /** Starts, or starts again after a stop (a paused context is stopped and started again). */
    @Override
    public void start() {
        draining = false;
        stopRunning = false;
        started = true;
    }

    @Override
    public void stop() {
        draining = true;
        if (!awaitIdle(grace)) {
            log.info("shutdown grace over, requeueing jobs={}", running.keySet());
            stopRunning = true;
            if (!awaitIdle(REQUEUE_TIME)) {
                log.warn("jobs still running at shutdown jobs={}; their leases will expire", running.keySet());
            }
        }
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** The listener containers' phase (see the class comment): stopped late, with them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running.isEmpty();
            }
        }
        return running.isEmpty();
    }
}
