package com.coaching.exports.worker.webhook;

import com.coaching.exports.worker.webhook.WebhookOutbox.Attempt;
import com.coaching.exports.worker.webhook.WebhookOutbox.Due;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
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
 * Delivers the webhook outbox: claims due deliveries (as many as it has free senders) and sends each
 * on a pool of its own, so a slow endpoint holds only its own sender, never an export, a lease or a
 * mail. A 2xx is success; anything else is tried again after the next delay of the schedule, until it
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
    private final Semaphore free;
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
        this.free = new Semaphore(settings.concurrency());
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

    void dispatch() {
        int permits = free.drainPermits();
        if (permits == 0) {
            return;
        }
        List<Due> claimed = List.of();
        try {
            Instant now = clock.instant();
            claimed = outbox.claim(now, now.plus(settings.lease()), permits);
        } catch (DataAccessException e) {
            log.warn("webhook dispatch skipped: {}", e.getMessage());
        } finally {
            free.release(permits - claimed.size());
        }
        for (Due due : claimed) {
            pool.execute(() -> {
                try {
                    deliver(due);
                } finally {
                    free.release();
                }
            });
        }
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
            count("delivered");
            log.info(
                    "webhook delivered delivery={} webhook={} event={} job={} attempt={} status={} ms={}",
                    due.id(),
                    due.webhookId(),
                    due.eventType(),
                    due.jobId(),
                    tries,
                    attempt.statusCode(),
                    attempt.durationMs());
            return;
        }
        String outcome = attempt.error() != null && attempt.error().startsWith("refused:")
                ? "refused"
                : attempt.statusCode() != null ? "failed" : "error";
        count(outcome);
        Instant next = tries <= settings.retryDelays().size()
                ? now.plus(jittered(settings.retryDelays().get(tries - 1)))
                : null;
        outbox.failed(due, now, next);
        log.info(
                "webhook not delivered delivery={} webhook={} event={} attempt={} status={} error=\"{}\" next={}",
                due.id(),
                due.webhookId(),
                due.eventType(),
                tries,
                attempt.statusCode(),
                attempt.error(),
                next == null ? "none" : next);
        Instant failingSince = outbox.failingSince(due.webhookId(), now);
        if (!failingSince.plus(settings.disableAfter()).isAfter(now) && outbox.disable(due.webhookId(), now)) {
            log.info("webhook disabled webhook={} failing_since={}", due.webhookId(), failingSince);
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

    /** The delay, give or take up to a fifth, so that the tries of many events spread out. */
    private static Duration jittered(Duration delay) {
        long millis = delay.toMillis();
        long spread = millis / 5;
        return Duration.ofMillis(millis - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1));
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
