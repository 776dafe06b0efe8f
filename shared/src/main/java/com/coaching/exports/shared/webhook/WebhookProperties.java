package com.coaching.exports.shared.webhook;

import com.coaching.exports.shared.retry.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every webhook setting: where webhooks may go (api and worker), how the worker delivers them, and the
 * API's limits ({@code api}). The delivery settings keep the names operators set before they had one home.
 *
 * @param allowHttp accept {@code http} webhook URLs as well as {@code https} ones (local receivers)
 * @param allowPrivateNetworks send webhooks to loopback, private and shared addresses too (local
 *     receivers); link-local, metadata and IPv4-carrying IPv6 addresses are refused either way
 * @param retryDelays worker: the waits after each failed try, in order (each with up to a fifth of itself
 *     either way); when they run out the event is given up
 * @param disableAfter worker: an endpoint failing for this long without a success is disabled and its
 *     trainer mailed
 * @param timeout worker: how long one try may take, connecting to reading the answer; a 2xx within it is
 *     success
 * @param connectTimeout worker: how long connecting may take, within the timeout
 * @param lease worker: how long a claimed delivery is this worker's: a worker that dies sending it delays
 *     it this long, then another sends it with the same webhook-id (longer than the timeout)
 * @param interval worker: how often the worker looks for deliveries due
 * @param concurrency worker: tries one worker sends at once, on a pool of their own
 * @param keepFinished worker: how long a delivered or given-up event's row is kept (its tries are kept
 *     apart, the last 100 per endpoint)
 * @param maxInFlightPerEndpoint worker: tries of one endpoint in flight at once, across all workers: the
 *     senders are shared by every endpoint, so a silent endpoint holds this many of them at most
 * @param api the API's limits
 */
@Validated
@ConfigurationProperties("exports.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("false") boolean allowPrivateNetworks,

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
        @DefaultValue("1") @Positive int maxInFlightPerEndpoint,
        @DefaultValue @Valid Api api) {

    /** How far a retry delay may be off, either way (0.2: ±20 %), so an endpoint's failed events spread out. */
    public static final double JITTER = 0.2;

    /** Also the worker's database pool's count of senders ({@code WorkerPoolSize}). */
    public static final String DEFAULT_CONCURRENCY = "4";

    /** The waits after each failed try, then none: the delivery is given up. */
    public RetryPolicy retries() {
        return RetryPolicy.delays(retryDelays, JITTER);
    }

    /** Where webhooks may be sent, which the API checks at registration and the worker at each send. */
    public WebhookNetwork network() {
        return new WebhookNetwork(allowHttp, allowPrivateNetworks);
    }

    /**
     * The API's webhook limits.
     *
     * @param maxPerTrainer webhook endpoints one trainer may register
     * @param testEventsPerMinute test events one webhook endpoint may be sent in any minute, counted in the
     *     database so that it holds across API instances; then 429
     */
    public record Api(
            @DefaultValue("10") @Positive int maxPerTrainer,
            @DefaultValue("10") @Positive int testEventsPerMinute) {}
}
