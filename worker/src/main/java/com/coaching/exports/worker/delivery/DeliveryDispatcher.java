package com.coaching.exports.worker.delivery;

import com.coaching.exports.shared.destination.DestinationSettings;
import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.outbox.OutboxEngine;
import com.coaching.exports.shared.retry.RetryPolicy;
import com.coaching.exports.worker.delivery.DeliveryOutbox.Due;
import com.coaching.exports.worker.delivery.DeliveryOutbox.Try;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Delivers the files of succeeded jobs to their destinations ({@link DestinationDeliveries}, on the
 * outbox engine): claims as many due deliveries as it has free senders and sends each on a pool of its
 * own, so a slow destination never holds the scheduling thread, an export or a webhook. A failed try
 * waits for the {@link #policy} (exponential with full jitter), for up to the retry window.
 */
@Component
class DeliveryDispatcher implements HousekeepingTask, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DestinationSettings settings;
    private final OutboxEngine<Due, Try> engine;
    private final Semaphore senders;
    private final ExecutorService pool;

    DeliveryDispatcher(DestinationDeliveries deliveries, DestinationSettings settings, Clock clock) {
        this.settings = settings;
        this.engine = new OutboxEngine<>(deliveries, policy(settings), clock);
        this.senders = new Semaphore(settings.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(
                settings.concurrency(), runnable -> new Thread(runnable, "delivery-" + threads.incrementAndGet()));
    }

    /** Doubling from the first wait up to the longest, full jitter, for ever: the retry window ends it. */
    static RetryPolicy policy(DestinationSettings settings) {
        return RetryPolicy.exponentialFullJitter(settings.retryFirst(), settings.retryMax());
    }

    @Override
    public String name() {
        return "delivery dispatch";
    }

    @Override
    public Duration interval() {
        return settings.interval();
    }

    @Override
    public void runOnce() {
        int free = senders.availablePermits();
        if (free == 0) {
            return;
        }
        List<Due> claimed = engine.claim(free);
        for (Due due : claimed) {
            senders.acquireUninterruptibly(); // as many as were free, and only this thread takes them
            pool.execute(() -> {
                try {
                    deliver(due);
                } finally {
                    senders.release();
                }
            });
        }
    }

    private void deliver(Due due) {
        try {
            engine.handle(due);
        } catch (DataAccessException e) {
            // the lease runs out and the delivery is tried again
            log.warn("delivery try not recorded job={} reason=\"{}\"", due.jobId(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("delivery try not made job={}", due.jobId(), e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
