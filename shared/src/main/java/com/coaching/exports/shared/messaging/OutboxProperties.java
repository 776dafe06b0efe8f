package com.coaching.exports.shared.messaging;

import com.coaching.exports.shared.retry.RetryPolicy;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox: how a job's message is published and published again. Here rather than in the API's
 * settings because {@link JobPublisher}, which both sides use, waits for confirms by it.
 *
 * @param confirmTimeout how long a publish waits for the broker's confirm before it counts as not delivered
 * @param sweepInterval how often the API's sweeper publishes again the messages not confirmed
 * @param grace how old an entry must be before the sweeper takes it (the first backoff too)
 * @param republishAfter a job still QUEUED this long after its message was confirmed is published again
 */
@Validated
@ConfigurationProperties("exports.outbox")
public record OutboxProperties(
        @DefaultValue("10s") @NotNull Duration confirmTimeout,
        @DefaultValue("5s") @NotNull Duration sweepInterval,
        @DefaultValue("5s") @NotNull Duration grace,
        @DefaultValue("1m") @NotNull Duration republishAfter) {

    /** Short enough that a job is published soon after a long broker outage ends. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** When an entry not confirmed is published again: from the grace, doubling per try up to 30 s, without jitter. */
    public RetryPolicy retries() {
        return RetryPolicy.exponential(grace, MAX_BACKOFF);
    }
}
