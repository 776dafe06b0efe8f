package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.outbox.OutboxEngine;
import com.coaching.exports.shared.webhook.WebhookProperties;
import com.coaching.exports.worker.webhook.WebhookOutbox.Attempt;
import com.coaching.exports.worker.webhook.WebhookOutbox.Due;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Delivers the webhook outbox ({@link WebhookDeliveries}, on the outbox engine): claims due deliveries
 * (as many as it has free senders, at most {@code max-in-flight-per-endpoint} of one endpoint across all
 * workers) and sends each on a pool of its own, so a slow endpoint holds one sender at most, never an
 * export, a lease, a mail or another endpoint's event. A 2xx is success; anything else is tried again
 * after the next delay of the schedule, until it runs out; an endpoint failing for the disable window is
 * disabled (its trainer is mailed by {@link DisabledWebhookMails}).
 */
@Component
class WebhookDispatcher implements HousekeepingTask, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookOutbox outbox;
    private final WebhookProperties settings;
    private final Clock clock;
    private final OutboxEngine<Due, Attempt> engine;
    /** One permit per sender of the pool, taken by a delivery for as long as its try runs. */
    private final Semaphore senders;

    private final ExecutorService pool;

    WebhookDispatcher(WebhookOutbox outbox, WebhookDeliveries deliveries, WebhookProperties settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.engine = new OutboxEngine<>(deliveries, settings.retries(), clock);
        this.senders = new Semaphore(settings.concurrency());
        AtomicInteger threads = new AtomicInteger();
        // never more tasks than permits, so the queue stays as short as the pool
        this.pool = new ThreadPoolExecutor(
                settings.concurrency(),
                settings.concurrency(),
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(settings.concurrency()),
                runnable -> new Thread(runnable, "webhook-sender-" + threads.incrementAndGet()));
    }

    @Override
    public String name() {
        return "webhook dispatch";
    }

    @Override
    public Duration interval() {
        return settings.interval();
    }

    @Override
    public void runOnce() {
        dispatch();
    }

    /**
     * Claims as many due deliveries as there are free senders and starts each on one. A sender is taken
     * per delivery and given back when its try ends, whatever happens, so none is ever lost: a claim
     * that returned more rows than asked, or a pool that refused a task, gives the rows back instead.
     */
    void dispatch() {
        int free = senders.availablePermits();
        if (free == 0) {
            return;
        }
        List<Due> claimed = engine.claim(free);
        List<Due> notStarted = new ArrayList<>();
        for (Due due : claimed) {
            if (!start(due)) {
                notStarted.add(due);
            }
        }
        if (!notStarted.isEmpty()) {
            giveBack(notStarted);
        }
    }

    /** Starts the try on a free sender, which it gives back however the try ends; false when none is free. */
    private boolean start(Due due) {
        if (!senders.tryAcquire()) {
            return false;
        }
        try {
            pool.execute(() -> {
                try {
                    deliver(due);
                } finally {
                    senders.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            senders.release();
            return false;
        }
    }

    private void giveBack(List<Due> notStarted) {
        try {
            outbox.giveBack(notStarted, clock.instant());
        } catch (DataAccessException e) {
            // their leases run out, and then they are claimed again
            log.warn("webhook deliveries not given back count={}: {}", notStarted.size(), e.getMessage());
        }
    }

    /** Senders free now (all of them when the worker is idle). */
    int freeSenders() {
        return senders.availablePermits();
    }

    private void deliver(Due due) {
        try {
            engine.handle(due);
        } catch (DataAccessException e) {
            // the lease runs out and the delivery is tried again, with the same webhook-id
            log.warn("webhook try not recorded delivery={} reason=\"{}\"", due.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("webhook try not made delivery={}", due.id(), e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
