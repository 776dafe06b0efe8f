package com.coaching.exports.shared.job;

import com.coaching.exports.shared.dataset.Dataset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An export job as stored in {@code export_job}. Its moves between states are declared in {@link
 * Move} and made by {@link JobTransitions}, each a guarded statement.
 *
 * @param days the window of a windowed dataset ({@link Dataset#windowed()}), else {@code null}
 * @param result set when {@link JobStatus#SUCCEEDED} (and kept when it later expires)
 * @param error set when {@link JobStatus#FAILED}
 * @param compression how the file is compressed; {@code null} for none
 * @param lane the queue the job waits in
 * @param options the file's format, zone, window, columns and CSV dialect ({@link ExportOptions#NONE}: the defaults)
 * @param retryAt while it waits for a dependency that failed: no worker takes it before then; else {@code null}
 * @param failingSince when a dependency first failed it ({@code null} if none ever did): past the retry
 *     window it fails instead of waiting again
 * @param waits how many of its {@code attempts} ended waiting for a dependency, which are no crashes
 * @param traceparent the W3C traceparent of the request that made it, which its later spans continue;
 *     {@code null} when tracing was off
 */
public record ExportJob(
        UUID id,
        long trainerId,
        Dataset dataset,
        @Nullable Integer days,
        boolean notifyByEmail,
        JobStatus status,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        long rowsWritten,
        @Nullable Long estimatedRows,
        boolean cancelRequested,
        int attempts,
        @Nullable JobResult result,
        @Nullable JobError error,
        @Nullable Compression compression,
        Lane lane,
        ExportOptions options,
        @Nullable Instant retryAt,
        @Nullable Instant failingSince,
        int waits,
        @Nullable String traceparent) {

    public ExportJob {
        options = options == null ? ExportOptions.NONE : options;
    }

    /** A new plain CSV job in the standard lane, waiting for a worker. */
    public static ExportJob queued(
            UUID id, long trainerId, Dataset dataset, @Nullable Integer days, boolean notifyByEmail, Instant now) {
        return queued(id, trainerId, dataset, days, notifyByEmail, null, ExportOptions.NONE, now);
    }

    /** A new job in the standard lane, waiting for a worker. */
    public static ExportJob queued(
            UUID id,
            long trainerId,
            Dataset dataset,
            @Nullable Integer days,
            boolean notifyByEmail,
            @Nullable Compression compression,
            ExportOptions options,
            Instant now) {
        return new ExportJob(
                id,
                trainerId,
                dataset,
                days,
                notifyByEmail,
                JobStatus.QUEUED,
                now.truncatedTo(ChronoUnit.MICROS),
                null,
                null,
                0,
                null,
                false,
                0,
                null,
                null,
                compression,
                Lane.STANDARD,
                options,
                null,
                null,
                0,
                null);
    }

    /** This job with a row estimate and the lane it puts the job in. */
    public ExportJob estimated(long rows, Lane chosenLane) {
        return new ExportJob(
                id,
                trainerId,
                dataset,
                days,
                notifyByEmail,
                status,
                createdAt,
                startedAt,
                finishedAt,
                rowsWritten,
                rows,
                cancelRequested,
                attempts,
                result,
                error,
                compression,
                chosenLane,
                options,
                retryAt,
                failingSince,
                waits,
                traceparent);
    }

    /** This job carrying the trace of the request that makes it ({@code null}: none). */
    public ExportJob traced(@Nullable String parent) {
        return new ExportJob(
                id,
                trainerId,
                dataset,
                days,
                notifyByEmail,
                status,
                createdAt,
                startedAt,
                finishedAt,
                rowsWritten,
                estimatedRows,
                cancelRequested,
                attempts,
                result,
                error,
                compression,
                lane,
                options,
                retryAt,
                failingSince,
                waits,
                parent);
    }

    /** The attempts that ended in a crash or were cut off, not those that waited for a dependency. */
    public int crashAttempts() {
        return attempts - waits;
    }

    /** {@code <dataset>-<UTC date of the request>.csv} (or {@code .xlsx}, {@code .jsonl}), then {@code .gz} when compressed. */
    public String fileName() {
        return dataset.id() + "-" + LocalDate.ofInstant(createdAt, ZoneOffset.UTC)
                + options.effectiveFormat().extension()
                + (compression == null ? "" : compression.extension());
    }

    public String contentType() {
        return compression == null ? options.effectiveFormat().contentType() : compression.contentType();
    }

    /** The named parameters of the dataset's query for this job. */
    public Map<String, Object> queryParameters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("trainerId", trainerId);
        Instant since = since();
        if (since != null) {
            Instant until = Objects.requireNonNull(until(), "a window with a start has an end");
            parameters.put("since", since.atOffset(ZoneOffset.UTC));
            parameters.put("until", until.atOffset(ZoneOffset.UTC));
        }
        if (!dataset.statuses().isEmpty()) {
            List<String> statuses = options.status();
            parameters.put("status", statuses == null ? new String[0] : statuses.toArray(String[]::new));
        }
        return parameters;
    }

    /**
     * Where this attempt writes the file. Each attempt has a key of its own, so a worker that lost
     * the job (and so must delete what it wrote) can never remove the file of the attempt that won.
     */
    public String objectKey() {
        return objectKey(attempts);
    }

    /** Where attempt {@code attempt} writes (or wrote) the file. */
    public String objectKey(int attempt) {
        return "exports/" + trainerId + "/" + id + "/attempt-" + attempt + "/" + fileName();
    }

    /**
     * The start of the window of a windowed dataset: the start of day {@code from} in the job's zone,
     * or else the window's end less {@code days} days. Fixed when the job was made, so every attempt
     * of the job exports the same rows.
     */
    public @Nullable Instant since() {
        if (options.from() != null) {
            return options.from().atStartOfDay(options.effectiveZone()).toInstant();
        }
        if (days == null) {
            return null;
        }
        return Objects.requireNonNull(until(), "a days window has an end").minus(days, ChronoUnit.DAYS);
    }

    /**
     * The last instant of the window (the query's bound is inclusive): the last microsecond of day
     * {@code to} in the job's zone (PostgreSQL keeps microseconds), or else the request time (a
     * scheduled job's firing time, {@link ExportOptions#windowEnd()}).
     */
    public @Nullable Instant until() {
        if (options.to() != null) {
            return options.to()
                    .plusDays(1)
                    .atStartOfDay(options.effectiveZone())
                    .toInstant()
                    .minus(1, ChronoUnit.MICROS);
        }
        if (days == null) {
            return null;
        }
        return options.windowEnd() != null ? options.windowEnd() : createdAt;
    }
}
