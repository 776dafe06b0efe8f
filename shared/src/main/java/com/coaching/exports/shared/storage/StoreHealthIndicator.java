package com.coaching.exports.shared.storage;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@code store} health component: a HeadBucket on the configured bucket. DOWN, with the reason,
 * when the store cannot be reached, refuses the credentials or has no such bucket.
 */
@Component
class StoreHealthIndicator implements HealthIndicator {

    /** Covers the client's retries too: a probe must answer long before the 60 s an upload part may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final S3Client s3;
    private final StorageProperties storage;

    StoreHealthIndicator(S3Client s3, StorageProperties storage) {
        this.s3 = s3;
        this.storage = storage;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            s3.headBucket(
                    head -> head.bucket(storage.bucket()).overrideConfiguration(call -> call.apiCallTimeout(TIMEOUT)));
            health = Health.up();
        } catch (SdkException e) {
            health = Health.down().withDetail("error", reason(e));
        }
        return health.withDetail("bucket", storage.bucket()).build();
    }

    private static String reason(SdkException e) {
        if (e instanceof S3Exception refused) {
            String code = refused.awsErrorDetails() == null
                    ? null
                    : refused.awsErrorDetails().errorCode();
            return refused.statusCode() + (code == null ? "" : " " + code);
        }
        return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    }
}
