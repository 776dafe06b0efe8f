package com.coaching.exports.worker.dependency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one dependency in this worker: open from the first failure that says the
 * dependency is down, closed again when a probe reaches it ({@link Breakers} probes the open ones).
 * One log line when it opens, one when it closes. While it is open, the worker takes no job that
 * needs the dependency, and a running export holds its upload instead of failing.
 */
public final class Breaker {

    private static final Logger log = LoggerFactory.getLogger(Breaker.class);
    /** How often a waiting thread looks whether it should stop waiting for another reason. */
    private static final long LOOK_EVERY_MILLIS = 250;

    private final Dependency dependency;
    private final Clock clock;
    private @Nullable Instant openedAt;

    Breaker(Dependency dependency, Clock clock) {
        this.dependency = dependency;
        this.clock = clock;
    }

    public Dependency dependency() {
        return dependency;
    }

    public synchronized boolean isOpen() {
        return openedAt != null;
    }

    /** The dependency failed as a dependency that is down does: opens the breaker unless it is open. */
    public synchronized void failed(Throwable cause) {
        if (openedAt != null) {
            return;
        }
        openedAt = clock.instant();
        log.warn(
                "dependency down dependency={} error=\"{}\": taking no job that needs it until a probe reaches it",
                dependency.id(),
                cause.toString());
    }

    /** A probe reached the dependency: closes the breaker and wakes whoever waits for it. */
    synchronized void reached() {
        if (openedAt == null) {
            return;
        }
        log.info(
                "dependency up dependency={} down_ms={}",
                dependency.id(),
                Duration.between(openedAt, clock.instant()).toMillis());
        openedAt = null;
        notifyAll();
    }

    /**
     * Waits until the breaker is closed, at most {@code max}, and no longer once {@code giveUp} says
     * so (asked every quarter of a second, outside the breaker's lock: it may ask the database).
     *
     * @return whether the breaker is closed
     */
    public boolean awaitClosed(Duration max, BooleanSupplier giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            synchronized (this) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (openedAt == null || left <= 0) {
                    return openedAt == null;
                }
                wait(Math.min(left, LOOK_EVERY_MILLIS));
                if (openedAt == null) {
                    return true;
                }
            }
            if (giveUp.getAsBoolean()) {
                return false;
            }
        }
    }
}
