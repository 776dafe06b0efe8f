package com.coaching.exports.shared.destination;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Destinations, as api (registration, the probe) and worker (deliveries) both use them.
 *
 * @param key {@code EXPORTS_DESTINATIONS_KEY}: 32 random bytes in base64, sealing the destinations'
 *     secrets ({@link SecretBox}); {@link DestinationKeyCheck} refuses to start without a safe one
 * @param allowPrivateNetworks loopback, private and shared addresses too (the run command and the tests,
 *     whose servers run on this machine); link-local and metadata addresses are refused either way
 * @param connectTimeout connecting to a destination, SSH's authentication included
 * @param timeout one read or write of a destination (an S3 request's try; an SFTP packet's answer)
 * @param retryFor how long a delivery keeps being tried after the job succeeded, before it is FAILED
 * @param retryFirst the first wait after a failed try, doubling (full jitter) up to {@code retryMax}
 * @param lease how long a claimed delivery is its worker's: a worker that dies delivering delays it
 *     this long, then another tries again (longer than the largest file takes to send)
 * @param interval how often a worker looks for deliveries due
 * @param concurrency deliveries one worker sends at once, on a pool of their own
 * @param maxPerTrainer destinations one trainer may register
 */
@Validated
@ConfigurationProperties("exports.destinations")
public record DestinationSettings(
        @Nullable String key,
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("60s") @NotNull Duration timeout,
        @DefaultValue("24h") @NotNull Duration retryFor,
        @DefaultValue("30s") @NotNull Duration retryFirst,
        @DefaultValue("1h") @NotNull Duration retryMax,
        @DefaultValue("1h") @NotNull Duration lease,
        @DefaultValue("5s") @NotNull Duration interval,
        @DefaultValue("2") @Positive int concurrency,
        @DefaultValue("10") @Positive int maxPerTrainer) {

    /** The property of the key, and the variable an operator sets. */
    public static final String KEY_PROPERTY = "exports.destinations.key";

    public static final String KEY_VARIABLE = "EXPORTS_DESTINATIONS_KEY";

    @Override
    public String toString() {
        return "DestinationSettings[allowPrivateNetworks=" + allowPrivateNetworks + ", …]"; // never the key
    }
}
