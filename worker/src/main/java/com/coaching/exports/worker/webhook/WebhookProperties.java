package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.retry.RetryPolicy;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker delivers webhooks (where it may send them is {@code WebhookNetwork}).
 *
 * @param retryDelays the waits after each failed try, in order (each with up to {@link #JITTER} of itself either
 *     way);
 *     when they run out the event is given up
 * @param disableAfter an endpoint failing for this long without a success is disabled and its trainer mailed
 * @param timeout how long one try may take, connecting to reading the answer; a 2xx within it is success
 * @param connectTimeout how long connecting may take, within the timeout
 * @param lease how long a claimed delivery is this worker's: a worker that dies sending it delays it this
 *     long, then another sends it with the same webhook-id (longer than the timeout)
 * @param interval how often the worker looks for deliveries due
 * @param concurrency tries one worker sends at once, on a pool of their own
 * @param maxInFlightPerEndpoint tries of one endpoint in flight at once, across all workers: the senders are
 *     shared by every endpoint, so a silent endpoint holds this many of them at most
 * @param keepFinished how long a delivered or given-up event's row is kept (its tries are kept apart,
 *     the last {@value com.coaching.exports.shared.webhook.WebhookTries#KEPT} per endpoint)
 */
@Validated
@ConfigurationProperties("exports.webhooks")
public record WebhookProperties(
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @NotEmpty
        List<@NotNull Duration> retryDelays,

        @DefaultValue("3d") @NotNull Duration disableAfter,
        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("1m") @NotNull Duration lease,
        @DefaultValue("1s") @NotNull Duration interval,

        @DefaultValue(WebhookProperties.DEFAULT_CONCURRENCY) @Positive
        int concurrency,

        @DefaultValue("7d") @NotNull Duration keepFinished,
        @DefaultValue("1") @Positive int maxInFlightPerEndpoint) {

    /** How far a retry delay may be off, either way (0.2: ±20 %), so an endpoint's failed events spread out. */
    public static final double JITTER = 0.2;

    /** The waits after each failed try, then none: the delivery is given up. */
    public RetryPolicy retries() {
        return RetryPolicy.delays(retryDelays, JITTER);
    }

    /** Also the database pool's count of senders ({@link com.coaching.exports.worker.WorkerPoolSize}). */
    public static final String DEFAULT_CONCURRENCY = "4";
}
