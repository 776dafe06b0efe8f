package com.coaching.exports.shared.storage;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where export files are kept: an S3-compatible bucket, and the worker's housekeeping of it.
 *
 * @param endpoint the store's address; empty for AWS itself
 * @param publicEndpoint the address clients reach the store at, used in download links; the endpoint when empty
 * @param region the store's region
 * @param bucket the bucket the files go to; it must exist
 * @param accessKey with {@code secretKey}: static credentials; empty for the SDK's default chain
 * @param secretKey with {@code accessKey}: static credentials; empty for the SDK's default chain
 * @param pathStyleAccess {@code http://host/bucket/key} addressing, which MinIO and s3proxy need
 * @param presignTtl how long a download link works
 * @param partSize the size of each multipart upload part
 * @param partsInFlight how many parts of one file upload at once while the next fills: an export
 *        buffers {@code (partsInFlight + 1) * partSize} at most
 * @param maxAttempts tries per store request: transient errors (5xx, throttling, timeouts) are
 *        retried with exponential backoff and jitter; a refusal (access denied, no bucket) is not
 * @param attemptTimeout how long one try of a store request may take
 * @param cleanupInterval worker: how often a worker retries the file removals that failed
 * @param orphanGrace worker: a file or multipart upload no job holds is removed once older than this (it
 *        covers an upload not yet recorded, a file whose job is not yet told)
 * @param orphanCheckInterval worker: how often one worker lists the bucket for such orphans
 */
@Validated
@ConfigurationProperties("exports.storage")
public record StorageProperties(
        @Nullable URI endpoint,
        @Nullable URI publicEndpoint,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("exports") String bucket,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @DefaultValue("false") boolean pathStyleAccess,
        @DefaultValue("15m") Duration presignTtl,
        @DefaultValue("8MB") DataSize partSize,
        @DefaultValue("2") int partsInFlight,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("60s") Duration attemptTimeout,
        @DefaultValue("5s") @NotNull Duration cleanupInterval,
        @DefaultValue("1h") @NotNull Duration orphanGrace,
        @DefaultValue("15m") @NotNull Duration orphanCheckInterval) {

    public StorageProperties {
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("exports.storage.parts-in-flight must be 1 or more");
        }
    }

    public @Nullable URI presignEndpoint() {
        return publicEndpoint != null ? publicEndpoint : endpoint;
    }
}
