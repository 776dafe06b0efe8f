package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.worker.WorkerIdentity;
import com.coaching.exports.worker.WorkerProperties;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs one job: claims it (exactly one worker wins), exports it and records how it ended. A
 * message for a job that is not queued changes nothing.
 */
@Component
public class ExportRunner {

    private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

    private final ExportJobRepository jobs;
    private final CsvExporter exporter;
    private final FileCleanup files;
    private final WorkerProperties properties;
    private final WorkerIdentity worker;
    private final RunningJobs runningJobs;
    private final JobReturner returner;
    private final JobOutcomes outcomes;
    private final Clock clock;

    ExportRunner(ExportJobRepository jobs, CsvExporter exporter, FileCleanup files, WorkerProperties properties,
            WorkerIdentity worker, RunningJobs runningJobs, JobReturner returner, JobOutcomes outcomes, Clock clock) {
        this.jobs = jobs;
        this.outcomes = outcomes;
        this.runningJobs = runningJobs;
        this.returner = returner;
        this.exporter = exporter;
        this.files = files;
        this.properties = properties;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * Runs the job if it is still queued. Throws {@link DataAccessException} when the outcome could
     * not be recorded, and {@link WorkerStoppingException} when this worker takes no more jobs: in
     * both cases the message must not be acknowledged.
     */
    public void run(UUID jobId) {
        if (!runningJobs.admit(jobId)) {
            throw new WorkerStoppingException();
        }
        try {
            claimAndRun(jobId);
        } finally {
            runningJobs.finished(jobId);
        }
    }

    private void claimAndRun(UUID jobId) {
        if (!jobs.claim(jobId, worker.id(), clock.instant())) {
            log.debug("message ignored job={}: not queued", jobId);
            return;
        }
        ExportJob job = jobs.findById(jobId).orElseThrow();
        log.info("job started job={} trainer={} dataset={} attempt={} worker={}", jobId, job.trainerId(),
                job.dataset().id(), job.attempts(), worker.id());
        long started = System.nanoTime();
        var progress = new ProgressReporter(jobs, clock, jobId, worker.id(), properties.progressInterval(),
                runningJobs);
        try {
            ExportedFile file = exporter.export(job, progress,
                    uploadId -> jobs.recordUpload(jobId, worker.id(), uploadId));
            succeed(job, file, elapsedMs(started));
        } catch (ExportCancelled e) {
            if (outcomes.cancel(job, worker.id())) {
                log.info("job cancelled job={} trainer={} dataset={} ms={}", jobId, job.trainerId(),
                        job.dataset().id(), elapsedMs(started));
            }
        } catch (WorkerStopping e) {
            if (returner.requeue(job, worker.id())) {
                log.info("job requeued job={} trainer={} dataset={} reason=\"worker shutting down\"", jobId,
                        job.trainerId(), job.dataset().id());
            }
        } catch (JobLost e) {
            log.info("job abandoned job={} dataset={} reason=\"no longer held by this worker\"", jobId,
                    job.dataset().id());
        } catch (Exception e) {
            fail(job, e, elapsedMs(started));
        }
    }

    private void succeed(ExportJob job, ExportedFile file, long ms) {
        var result = new JobResult(job.fileName(), job.objectKey(), file.rowCount(), file.sizeBytes(), file.sha256(),
                job.contentType());
        if (outcomes.succeed(job, worker.id(), result)) {
            log.info("job succeeded job={} trainer={} dataset={} rows={} bytes={} ms={}", job.id(), job.trainerId(),
                    job.dataset().id(), file.rowCount(), file.sizeBytes(), ms);
        } else {
            // deleted or taken back while we uploaded: the file belongs to no job (queued if the store fails)
            files.remove(job.objectKey());
            log.info("job abandoned job={} dataset={} reason=\"no longer held by this worker\"", job.id(),
                    job.dataset().id());
        }
    }

    private void fail(ExportJob job, Exception cause, long ms) {
        JobError error = errorFor(cause);
        log.warn("job failed job={} trainer={} dataset={} code={} ms={}", job.id(), job.trainerId(),
                job.dataset().id(), error.code(), ms, cause);
        outcomes.fail(job, worker.id(), error);
    }

    static JobError errorFor(Exception cause) {
        if (cause instanceof S3Exception refused && refused.statusCode() >= 400 && refused.statusCode() < 500
                && refused.statusCode() != 408 && refused.statusCode() != 429) {
            return new JobError(JobError.STORAGE_REJECTED,
                    "The file store refused the file (" + refused.statusCode() + "). Please contact support.");
        }
        if (cause instanceof SdkException) {
            return new JobError(JobError.STORAGE_UNAVAILABLE, "The file could not be stored. Please try again later.");
        }
        if (cause instanceof DataAccessException || cause instanceof java.sql.SQLException) {
            return new JobError(JobError.DATABASE_UNAVAILABLE, "The data could not be read. Please try again later.");
        }
        return new JobError(JobError.EXPORT_FAILED, "The export failed unexpectedly. Please try again.");
    }

    /** This worker is shutting down and takes no new job; the message belongs to another worker. */
    public static class WorkerStoppingException extends RuntimeException {
        WorkerStoppingException() {
            super("worker shutting down", null, false, false);
        }
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
