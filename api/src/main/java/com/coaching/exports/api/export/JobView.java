package com.coaching.exports.api.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.ExportFiles.DownloadLink;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A job as clients see it (contract section 3): {@code result} and {@code download} only when succeeded, {@code error} only when failed. */
public record JobView(
        UUID id,
        String dataset,
        Map<String, Object> parameters,
        JobStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Progress progress,
        @JsonInclude(JsonInclude.Include.NON_NULL) Result result,
        @JsonInclude(JsonInclude.Include.NON_NULL) DownloadLink download,
        @JsonInclude(JsonInclude.Include.NON_NULL) JobError error) {

    static JobView of(ExportJob job, DownloadLink download) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (job.days() != null) {
            parameters.put("days", job.days());
        }
        if (job.compression() != null) {
            parameters.put("compression", job.compression().id());
        }
        boolean succeeded = job.status() == JobStatus.SUCCEEDED;
        return new JobView(job.id(), job.dataset().id(), parameters, job.status(), job.createdAt(), job.startedAt(),
                job.finishedAt(), new Progress(job.rowsWritten(), job.estimatedRows()),
                succeeded ? Result.of(job.result()) : null,
                succeeded ? download : null,
                job.status() == JobStatus.FAILED ? job.error() : null);
    }

    public record Progress(long rowsWritten, @JsonInclude(JsonInclude.Include.NON_NULL) Long estimatedRows) {
    }

    public record Result(String fileName, long rowCount, long sizeBytes, String sha256, String contentType) {

        static Result of(JobResult result) {
            return new Result(result.fileName(), result.rowCount(), result.sizeBytes(), result.sha256(),
                    result.contentType());
        }
    }
}
