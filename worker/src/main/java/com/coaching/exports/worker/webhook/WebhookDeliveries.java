package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.outbox.Outbox;
import com.coaching.exports.shared.outbox.Outcome;
import com.coaching.exports.shared.outbox.Verdict;
import com.coaching.exports.shared.webhook.WebhookProperties;
import com.coaching.exports.worker.webhook.WebhookOutbox.Attempt;
import com.coaching.exports.worker.webhook.WebhookOutbox.Due;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook outbox as the outbox engine works it: the claim (leased, at most {@code
 * max-in-flight-per-endpoint} of one endpoint across all workers), one try (a 2xx is success), and
 * its record: the try for the endpoint's list, the delivery done, due again or given up, and the
 * endpoint disabled when it has been failing for the disable window, together or not at all.
 */
@Component
class WebhookDeliveries implements Outbox<Due, Attempt> {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final WebhookOutbox outbox;
    private final WebhookPayloads payloads;
    private final WebhookSender sender;
    private final WebhookProperties settings;
    private final MeterRegistry registry;
    private final Timer duration;
    private final TransactionTemplate transactions;

    WebhookDeliveries(
            WebhookOutbox outbox,
            WebhookPayloads payloads,
            WebhookSender sender,
            WebhookProperties settings,
            MeterRegistry registry,
            TransactionTemplate transactions) {
        this.outbox = outbox;
        this.payloads = payloads;
        this.sender = sender;
        this.settings = settings;
        this.registry = registry;
        this.transactions = transactions;
        this.duration = Timer.builder("exports.webhook.delivery")
                .description("how long one webhook try took, to the answer or the error")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        // from the start: the alert on failed tries and the dashboard read 0, not "no data", until the first try
        DeliveryOutcome.METRICS.forEach(this::counter);
    }

    /** Claims until the lease ends: another worker sends one only if this one never recorded its try. */
    @Override
    public List<Due> claim(Instant now, int limit) {
        return outbox.claim(now, now.plus(settings.lease()), settings.maxInFlightPerEndpoint(), limit);
    }

    @Override
    public int failedTries(Due due) {
        return due.attempts();
    }

    @Override
    public Outcome<Attempt> process(Due due) {
        Optional<String> body = payloads.render(due);
        if (body.isEmpty()) {
            return Outcome.gone(); // the job was deleted: its deliveries went with it
        }
        Attempt attempt = sender.send(due.url(), due.secret(), due.id().toString(), body.get());
        duration.record(Duration.ofMillis(attempt.durationMs()));
        return attempt.succeeded()
                ? Outcome.succeeded(attempt)
                : Outcome.failed(
                        attempt,
                        Objects.toString(
                                attempt.outcome().error(),
                                "status " + attempt.outcome().statusCode()));
    }

    @Override
    public void record(Due due, Verdict<Attempt> verdict) {
        transactions.executeWithoutResult(tx -> recordInTransaction(due, verdict));
    }

    private void recordInTransaction(Due due, Verdict<Attempt> verdict) {
        Instant now = verdict.at();
        if (verdict instanceof Verdict.Done<Attempt> done) {
            Attempt attempt = Objects.requireNonNull(done.result(), "a try yields its attempt");
            outbox.recordAttempt(due, attempt);
            outbox.delivered(due, now);
            count(attempt.outcome().metric());
            log.info(
                    "webhook delivered delivery={} webhook={} event={} job={} attempt={} status={} ms={}",
                    due.id(),
                    due.webhookId(),
                    due.eventType(),
                    due.jobId(),
                    verdict.tries(),
                    attempt.outcome().statusCode(),
                    attempt.durationMs());
            return;
        }
        Attempt attempt;
        @Nullable Instant next;
        if (verdict instanceof Verdict.RetryAt<Attempt> retry) {
            attempt = Objects.requireNonNull(retry.result(), "a try yields its attempt");
            next = retry.next();
        } else {
            attempt = Objects.requireNonNull(((Verdict.GiveUp<Attempt>) verdict).result(), "a try yields its attempt");
            next = null; // the delays ran out
        }
        outbox.recordAttempt(due, attempt);
        count(attempt.outcome().metric());
        outbox.failed(due, now, next);
        log.info(
                "webhook not delivered delivery={} webhook={} event={} attempt={} status={} error=\"{}\" next={}",
                due.id(),
                due.webhookId(),
                due.eventType(),
                verdict.tries(),
                attempt.outcome().statusCode(),
                attempt.outcome().error(),
                next == null ? "none" : next);
        judgeStreak(due, now);
    }

    /** An endpoint failing for the disable window is disabled; else its streak's start is kept. */
    private void judgeStreak(Due due, Instant now) {
        Optional<FailureStreak> streak = outbox.streak(due.webhookId());
        if (streak.isEmpty()) {
            return; // the endpoint was deleted meanwhile
        }
        FailureStreak.Standing standing = streak.get().afterFailure(now, settings.disableAfter());
        if (standing.disable()) {
            if (outbox.disable(due.webhookId(), now)) {
                log.info("webhook disabled webhook={} failing_since={}", due.webhookId(), standing.failingSince());
            }
        } else if (!Objects.equals(standing.failingSince(), streak.get().failingSince())) {
            outbox.failingSince(due.webhookId(), standing.failingSince());
        }
    }

    private void count(String outcome) {
        counter(outcome).increment();
    }

    private Counter counter(String outcome) {
        return Counter.builder("exports.webhook.deliveries")
                .description(
                        "webhook tries by outcome: delivered, failed (an answer not 2xx), error (no answer), refused")
                .tag("outcome", outcome)
                .register(registry);
    }
}
