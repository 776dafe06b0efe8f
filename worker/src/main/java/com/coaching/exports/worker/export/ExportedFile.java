package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobResult;
import java.time.Instant;

/** What an export wrote: its rows (without the header), bytes and their SHA-256, and the instant of its snapshot. */
record ExportedFile(long rowCount, long sizeBytes, String sha256, Instant dataAsOf) {

    /** The job's result, this file being its. */
    JobResult resultOf(ExportJob job) {
        return new JobResult(job.fileName(), job.objectKey(), rowCount, sizeBytes, sha256, job.contentType(), dataAsOf);
    }
}
