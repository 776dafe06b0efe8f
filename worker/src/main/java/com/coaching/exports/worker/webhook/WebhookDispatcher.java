package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.retry.RetryPolicy;
import com.coaching.exports.worker.webhook.WebhookOutbox.Attempt;
import com.coaching.exports.worker.webhook.WebhookOutbox.Due;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the webhook outbox: claims due deliveries (as many as it has free senders, at most {@code
 * max-in-flight-per-endpoint} of one endpoint across all workers) and sends each on a pool of its own,
 * so a slow endpoint holds one sender at most, never an export, a lease, a mail or another endpoint's
 * event. A 2xx is success; anything else is tried again after the next delay of the schedule, until it
 * runs out; an endpoint failing for the disable window is disabled (its trainer is mailed by {@link
 * DisabledWebhookMails}).
 */
@Component
class WebhookDispatcher implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookOutbox outbox;
    private final WebhookPayloads payloads;
    private final WebhookSender sender;
    private final WebhookProperties settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer duration;
    /** One permit per sender of the pool, taken by a delivery for as long as its try runs. */
    private final Semaphore senders;

    private final RetryPolicy retries;
    private final ExecutorService pool;
    private final TransactionTemplate transactions;

    WebhookDispatcher(
            WebhookOutbox outbox,
            WebhookPayloads payloads,
            WebhookSender sender,
            WebhookProperties settings,
            Clock clock,
            MeterRegistry registry,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.payloads = payloads;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.registry = registry;
        this.duration = Timer.builder("exports.webhook.delivery")
                .description("how long one webhook try took, to the answer or the error")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.senders = new Semaphore(settings.concurrency());
        this.retries = RetryPolicy.delays(settings.retryDelays(), 0.2);
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
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::dispatch, settings.interval());
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
        Instant now = clock.instant();
        List<Due> claimed;
        try {
            claimed = outbox.claim(now, now.plus(settings.lease()), settings.maxInFlightPerEndpoint(), free);
        } catch (DataAccessException e) {
            log.warn("webhook dispatch skipped: {}", e.getMessage());
            return;
        }
        List<Due> notStarted = new ArrayList<>();
        for (Due due : claimed) {
            if (!start(due)) {
                notStarted.add(due);
            }
        }
        if (!notStarted.isEmpty()) {
            giveBack(notStarted, now);
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

    private void giveBack(List<Due> notStarted, Instant now) {
        try {
            outbox.giveBack(notStarted, now);
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
            Optional<String> body = payloads.render(due);
            if (body.isEmpty()) {
                return; // the job was deleted: its deliveries went with it
            }
            Attempt attempt = sender.send(due.url(), due.secret(), due.id().toString(), body.get());
            duration.record(Duration.ofMillis(attempt.durationMs()));
            transactions.executeWithoutResult(tx -> record(due, attempt));
        } catch (DataAccessException e) {
            // the lease runs out and the delivery is tried again, with the same webhook-id
            log.warn("webhook try not recorded delivery={} reason=\"{}\"", due.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("webhook try not made delivery={}", due.id(), e);
        }
    }

    /** The try, its outcome and, when the endpoint kept failing, its disabling: together or not at all. */
    private void record(Due due, Attempt attempt) {
        outbox.recordAttempt(due, attempt);
        Instant now = clock.instant();
        int tries = due.attempts() + 1;
        if (attempt.succeeded()) {
            outbox.delivered(due, now);
            count(attempt.outcome().metric());
            log.info(
                    "webhook delivered delivery={} webhook={} event={} job={} attempt={} status={} ms={}",
                    due.id(),
                    due.webhookId(),
                    due.eventType(),
                    due.jobId(),
                    tries,
                    attempt.outcome().statusCode(),
                    attempt.durationMs());
            return;
        }
        count(attempt.outcome().metric());
        Instant next = retries.delayAfter(tries, ThreadLocalRandom.current())
                .map(now::plus)
                .orElse(null);
        outbox.failed(due, now, next);
        log.info(
                "webhook not delivered delivery={} webhook={} event={} attempt={} status={} error=\"{}\" next={}",
                due.id(),
                due.webhookId(),
                due.eventType(),
                tries,
                attempt.outcome().statusCode(),
                attempt.outcome().error(),
                next == null ? "none" : next);
        Optional<FailureStreak> streak = outbox.streak(due.webhookId());
        if (streak.isEmpty()) {
            return; // the endpoint was deleted meanwhile
        }
        FailureStreak.Verdict verdict = streak.get().afterFailure(now, settings.disableAfter());
        if (verdict.disable()) {
            if (outbox.disable(due.webhookId(), now)) {
                log.info("webhook disabled webhook={} failing_since={}", due.webhookId(), verdict.failingSince());
            }
        } else if (!Objects.equals(verdict.failingSince(), streak.get().failingSince())) {
            outbox.failingSince(due.webhookId(), verdict.failingSince());
        }
    }

    private void count(String outcome) {
        Counter.builder("exports.webhook.deliveries")
                .description(
                        "webhook tries by outcome: delivered, failed (an answer not 2xx), error (no answer), refused")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
