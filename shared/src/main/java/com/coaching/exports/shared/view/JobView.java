package com.coaching.exports.shared.view;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.ExportFiles.DownloadLink;
import com.coaching.exports.shared.tracing.Traces;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job as clients see it (docs/api.md, "The job"). {@code startedAt} and {@code finishedAt} are always
 * there, {@code null} until they happen; {@code result} and {@code download} appear only when
 * succeeded (with {@code dataAsOf}, when it was recorded), {@code error} only when failed,
 * {@code estimatedRows} only when there is an estimate.
 * {@code history} is every move the job made, oldest first; {@code traceId} appears only when the job
 * was made with tracing on.
 */
@Schema(name = "Job")
public record JobView(
        @Schema(requiredMode = REQUIRED) UUID id,
        @Schema(requiredMode = REQUIRED) String dataset,
        @Schema(requiredMode = REQUIRED) Parameters parameters,
        @Schema(requiredMode = REQUIRED) JobStatus status,
        @Schema(requiredMode = REQUIRED) Instant createdAt,

        @Schema(
                requiredMode = REQUIRED,
                types = {"string", "null"},
                format = "date-time",
                description = "null until a worker starts the job")
        @Nullable
        Instant startedAt,

        @Schema(
                requiredMode = REQUIRED,
                types = {"string", "null"},
                format = "date-time",
                description = "null until the job ends")
        @Nullable
        Instant finishedAt,

        @Schema(requiredMode = REQUIRED) Progress progress,

        @Schema(
                format = "date-time",
                description = "only while QUEUED waiting for a dependency that failed the job for a moment (the"
                        + " file store, a database): no worker starts it before then; the history says which")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Instant retryAt,

        @Schema(
                format = "date-time",
                description = "only when SUCCEEDED: the instant of the database snapshot the file's rows were"
                        + " read in (the start of the worker's read transaction); a job that succeeded before"
                        + " it was recorded has none")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Instant dataAsOf,

        @Schema(description = "only when SUCCEEDED") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        Result result,

        @Schema(description = "only when SUCCEEDED") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        Download download,

        @Schema(description = "only when FAILED") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        Failure error,

        @Schema(
                requiredMode = REQUIRED,
                description = "every move of the job and every download link handed out, oldest first, from"
                        + " its creation on (jobs created before the history was kept start later)")
        List<Move> history,

        @Schema(
                description = "the id of the export's trace (32 hex digits: W3C trace context), which the API's and"
                        + " the worker's spans and log lines carry; only when tracing was on as the job was made")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String traceId,

        @Schema(description = "only once a job that names a destination has SUCCEEDED")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        JobDelivery delivery) {

    /** The job with its delivery ({@code null}: it names no destination, or has not succeeded). */
    public static JobView of(
            ExportJob job, @Nullable DownloadLink download, List<JobEvent> history, @Nullable JobDelivery delivery) {
        boolean succeeded = job.status() == JobStatus.SUCCEEDED;
        return new JobView(
                job.id(),
                job.dataset().id(),
                Parameters.of(job),
                job.status(),
                job.createdAt(),
                job.startedAt(),
                job.finishedAt(),
                new Progress(job.rowsWritten(), job.estimatedRows()),
                job.status() == JobStatus.QUEUED ? job.retryAt() : null,
                succeeded
                        ? Objects.requireNonNull(job.result(), "a SUCCEEDED job has a result")
                                .dataAsOf()
                        : null,
                succeeded ? Result.of(Objects.requireNonNull(job.result(), "a SUCCEEDED job has a result")) : null,
                succeeded && download != null ? new Download(download.url(), download.expiresAt()) : null,
                job.status() == JobStatus.FAILED && job.error() != null ? Failure.of(job.error()) : null,
                history.stream().map(Move::of).toList(),
                Traces.traceId(job.traceparent()),
                delivery);
    }

    /** What the job was asked for, beyond the dataset; a field appears only when it applies. */
    public record Parameters(
            @Schema(
                    description = "payments only: the window in days back from createdAt",
                    minimum = "1",
                    maximum = "365")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            Integer days,

            @Schema(description = "only when the file is compressed", allowableValues = "gzip")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            String compression,

            @Schema(description = "only when the request gave it") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String format,

            @Schema(description = "only when the request gave it: an IANA zone id")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            String timezone,

            @Schema(description = "payments only, when the request gave a date range", format = "date")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            LocalDate from,

            @Schema(description = "payments only, when the request gave a date range", format = "date")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            LocalDate to,

            @Schema(description = "only when the request chose columns: their headers, in file order")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            List<String> columns,

            @Schema(description = "only when the request gave CSV options: all three, defaults filled in")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            CsvParameters csv,

            @Schema(description = "only when the request named one: the destination the file is delivered to")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            UUID destination,

            @Schema(description = "payments and subscribers, only when the request gave it: the statuses exported")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            List<String> status) {

        static Parameters of(ExportJob job) {
            ExportOptions options = job.options();
            return new Parameters(
                    job.days(),
                    job.compression() == null ? null : job.compression().id(),
                    options.format() == null ? null : options.format().id(),
                    options.timezone() == null ? null : options.timezone().getId(),
                    options.from(),
                    options.to(),
                    options.columns(),
                    options.csv() == null ? null : CsvParameters.of(options.csv()),
                    options.destination(),
                    options.status());
        }
    }

    /** The CSV dialect a job was asked for. */
    public record CsvParameters(
            @Schema(requiredMode = REQUIRED) String delimiter,
            @Schema(requiredMode = REQUIRED) String lineEnding,

            @Schema(requiredMode = REQUIRED) boolean bom) {

        static CsvParameters of(CsvOptions csv) {
            return new CsvParameters(csv.delimiter().text(), csv.lineEnding().name(), csv.bom());
        }
    }

    public record Progress(
            @Schema(requiredMode = REQUIRED) long rowsWritten,

            @Schema(
                    description = "PostgreSQL's estimate of the rows, made when the job was created; only when"
                            + " there is one")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            Long estimatedRows) {}

    public record Result(
            @Schema(requiredMode = REQUIRED) String fileName,
            @Schema(requiredMode = REQUIRED) long rowCount,
            @Schema(requiredMode = REQUIRED) long sizeBytes,

            @Schema(requiredMode = REQUIRED, description = "hex SHA-256 of the stored file")
            String sha256,

            @Schema(
                    requiredMode = REQUIRED,
                    allowableValues = {
                        "text/csv",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "application/x-ndjson",
                        "application/gzip"
                    })
            String contentType) {

        static Result of(JobResult result) {
            return new Result(
                    result.fileName(), result.rowCount(), result.sizeBytes(), result.sha256(), result.contentType());
        }
    }

    /** A fresh presigned link to the file, made for this answer. */
    public record Download(
            @Schema(requiredMode = REQUIRED) URI url,
            @Schema(requiredMode = REQUIRED) Instant expiresAt) {}

    /**
     * One entry of the job's history: a move between two states, or a download link handed out
     * ({@code reason} {@code link issued}: the state stays, {@code from} and {@code to} are both it).
     */
    @Schema(name = "JobMove")
    public record Move(
            @Schema(
                    requiredMode = REQUIRED,
                    types = {"string", "null"},
                    description = "the state it left (QUEUED, RUNNING or SUCCEEDED; for a link issued, the state it"
                            + " stays in, SUCCEEDED); null for the job's creation")
            @Nullable
            String from,

            @Schema(requiredMode = REQUIRED) JobStatus to,
            @Schema(requiredMode = REQUIRED) Instant at,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "who moved it: trainer, a worker's id, lease-sweeper or retention; for a link"
                            + " issued who was handed it: trainer, emailed link or webhook link")
            String by,

            @Schema(
                    requiredMode = REQUIRED,
                    types = {"string", "null"},
                    description = "why, in short: an error code, \"lease expired\", \"cancelled by trainer\","
                            + " \"link issued\"…; null when the move says it all")
            @Nullable
            String reason,

            @Schema(
                    description = "only on a link issued to a client (not a webhook's): the client's address, as"
                            + " the API's forwarded-header settings determine it")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            String address) {

        static Move of(JobEvent event) {
            return new Move(event.from(), event.to(), event.at(), event.by(), event.reason(), event.address());
        }
    }

    /** Why the job (or its delivery) failed: a stable code for programs, a message for people. */
    public record Failure(
            @Schema(
                    requiredMode = REQUIRED,
                    description = "EXPORT_FAILED, STORAGE_UNAVAILABLE, STORAGE_REJECTED,"
                            + " DATABASE_UNAVAILABLE, ATTEMPTS_EXHAUSTED; a delivery's DESTINATION_UNREACHABLE,"
                            + " DESTINATION_ADDRESS_REFUSED, DESTINATION_AUTH_FAILED, DESTINATION_HOST_KEY_MISMATCH,"
                            + " DESTINATION_REJECTED, DESTINATION_DELETED, DELIVERY_FAILED; or a code added later")
            String code,

            @Schema(requiredMode = REQUIRED) String message) {

        public static Failure of(JobError error) {
            return new Failure(error.code(), error.message());
        }
    }
}
