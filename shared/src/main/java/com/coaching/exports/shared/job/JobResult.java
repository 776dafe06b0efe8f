package com.coaching.exports.shared.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a succeeded export produced: the file in the object store.
 *
 * @param dataAsOf the instant of the snapshot its rows were read in; {@code null} for a job that
 *     succeeded before it was recorded (migration V20)
 */
public record JobResult(
        String fileName,
        String objectKey,
        long rowCount,
        long sizeBytes,
        String sha256,
        String contentType,
        @Nullable Instant dataAsOf) {}
