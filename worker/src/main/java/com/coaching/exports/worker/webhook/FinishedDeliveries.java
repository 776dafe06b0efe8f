package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.webhook.WebhookProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forgets webhook events delivered or given up longer than {@code exports.webhooks.keep-finished} ago,
 * in batches, so the outbox holds what is owed and recent history rather than every event ever sent.
 */
@Component
class FinishedDeliveries implements HousekeepingTask {

    private static final Logger log = LoggerFactory.getLogger(FinishedDeliveries.class);
    private static final Duration EVERY = Duration.ofMinutes(10);
    private static final int BATCH = 1_000;

    private final WebhookOutbox outbox;
    private final WebhookProperties settings;
    private final Clock clock;

    FinishedDeliveries(WebhookOutbox outbox, WebhookProperties settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "forgetting finished webhook deliveries";
    }

    @Override
    public Duration interval() {
        return EVERY;
    }

    @Override
    public void runOnce() {
        forget();
    }

    /** Until a batch comes back short: one pass forgets everything that is due. */
    int forget() {
        Instant before = clock.instant().minus(settings.keepFinished());
        int forgotten = 0;
        int batch;
        do {
            batch = outbox.forgetFinished(before, BATCH);
            forgotten += batch;
        } while (batch == BATCH);
        if (forgotten > 0) {
            log.info("finished webhook deliveries forgotten count={}", forgotten);
        }
        return forgotten;
    }
}
