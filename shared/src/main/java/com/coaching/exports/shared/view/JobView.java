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
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job as clients see it (docs/api.md, "The job"). {@code startedAt} and {@code finishedAt} are always
 * there, {@code null} until they happen; {@code result} and {@code download} appear only when
 * succeeded, {@code error} only when failed, {@code estimatedRows} only when there is an estimate.
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
        Instant startedAt,

        @Schema(
                requiredMode = REQUIRED,
                types = {"string", "null"},
                format = "date-time",
                description = "null until the job ends")
        Instant finishedAt,

        @Schema(requiredMode = REQUIRED) Progress progress,

        @Schema(
                format = "date-time",
                description = "only while QUEUED waiting for a dependency that failed the job for a moment (the"
                        + " file store, a database): no worker starts it before then; the history says which")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Instant retryAt,

        @Schema(description = "only when SUCCEEDED") @JsonInclude(JsonInclude.Include.NON_NULL)
        Result result,

        @Schema(description = "only when SUCCEEDED") @JsonInclude(JsonInclude.Include.NON_NULL)
        Download download,

        @Schema(description = "only when FAILED") @JsonInclude(JsonInclude.Include.NON_NULL)
        Failure error,

        @Schema(
                requiredMode = REQUIRED,
                description = "every move of the job, oldest first, from its creation on (jobs created before"
                        + " the history was kept start later)")
        List<Move> history,

        @Schema(
                description = "the id of the export's trace (32 hex digits: W3C trace context), which the API's and"
                        + " the worker's spans and log lines carry; only when tracing was on as the job was made")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String traceId) {

    public static JobView of(ExportJob job, DownloadLink download, List<JobEvent> history) {
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
                succeeded ? Result.of(job.result()) : null,
                succeeded && download != null ? new Download(download.url(), download.expiresAt()) : null,
                job.status() == JobStatus.FAILED && job.error() != null ? Failure.of(job.error()) : null,
                history.stream().map(Move::of).toList(),
                Traces.traceId(job.traceparent()));
    }

    /** What the job was asked for, beyond the dataset; a field appears only when it applies. */
    public record Parameters(
            @Schema(
                    description = "payments only: the window in days back from createdAt",
                    minimum = "1",
                    maximum = "365")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Integer days,

            @Schema(description = "only when the file is compressed", allowableValues = "gzip")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            String compression,

            @Schema(description = "only when the request gave it") @JsonInclude(JsonInclude.Include.NON_NULL)
            String format,

            @Schema(description = "only when the request gave it: an IANA zone id")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            String timezone,

            @Schema(description = "payments only, when the request gave a date range", format = "date")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            LocalDate from,

            @Schema(description = "payments only, when the request gave a date range", format = "date")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            LocalDate to,

            @Schema(description = "only when the request chose columns: their headers, in file order")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            List<String> columns,

            @Schema(description = "only when the request gave CSV options: all three, defaults filled in")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            CsvParameters csv) {

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
                    options.csv() == null ? null : CsvParameters.of(options.csv()));
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

    /** One move of the job between two states. */
    @Schema(name = "JobMove")
    public record Move(
            @Schema(
                    requiredMode = REQUIRED,
                    types = {"string", "null"},
                    description = "the state it left (QUEUED, RUNNING or SUCCEEDED); null for the job's creation")
            String from,

            @Schema(requiredMode = REQUIRED) JobStatus to,
            @Schema(requiredMode = REQUIRED) Instant at,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "who moved it: trainer, a worker's id, lease-sweeper or retention")
            String by,

            @Schema(
                    requiredMode = REQUIRED,
                    types = {"string", "null"},
                    description = "why, in short: an error code, \"lease expired\", \"cancelled by trainer\"…;"
                            + " null when the move says it all")
            String reason) {

        static Move of(JobEvent event) {
            return new Move(event.from(), event.to(), event.at(), event.by(), event.reason());
        }
    }

    /** Why the job failed: a stable code for programs, a message for people. */
    public record Failure(
            @Schema(
                    requiredMode = REQUIRED,
                    description = "EXPORT_FAILED, STORAGE_UNAVAILABLE, STORAGE_REJECTED,"
                            + " DATABASE_UNAVAILABLE, ATTEMPTS_EXHAUSTED, or a code added later")
            String code,

            @Schema(requiredMode = REQUIRED) String message) {

        static Failure of(JobError error) {
            return new Failure(error.code(), error.message());
        }
    }
}
