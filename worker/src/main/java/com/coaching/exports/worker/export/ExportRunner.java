package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.worker.WorkerIdentity;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
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
    private final FileExporter exporter;
    private final FileCleanup files;
    private final WorkerProperties properties;
    private final WorkerIdentity worker;
    private final RunningJobs runningJobs;
    private final JobOutcomes outcomes;
    private final Clock clock;

    ExportRunner(
            ExportJobRepository jobs,
            FileExporter exporter,
            FileCleanup files,
            WorkerProperties properties,
            WorkerIdentity worker,
            RunningJobs runningJobs,
            JobOutcomes outcomes,
            Clock clock) {
        this.jobs = jobs;
        this.exporter = exporter;
        this.files = files;
        this.properties = properties;
        this.worker = worker;
        this.runningJobs = runningJobs;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Runs the job if it is still queued. Throws {@link WorkerStoppingException} when this worker
     * takes no more jobs, and whatever the database threw when an outcome could not be recorded: in
     * both cases the message must not be acknowledged. A job whose outcome was not recorded stays
     * RUNNING without a lease renewal, so a lease sweeper takes it back.
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
        Holder me = Holder.of(worker.id(), job.attempts());
        if (job.cancelRequested()) { // given back with a cancel asked for meanwhile
            cancelled(job, me, 0);
            return;
        }
        log.info(
                "job started job={} trainer={} dataset={} attempt={} worker={}",
                jobId,
                job.trainerId(),
                job.dataset().id(),
                job.attempts(),
                worker.id());
        long started = System.nanoTime();
        var progress = new ProgressReporter(jobs, clock, jobId, me, properties.progressInterval(), runningJobs);
        ExportedFile file;
        try {
            file = exporter.export(job, progress, uploadId -> jobs.recordUpload(jobId, me, uploadId));
        } catch (ExportCancelled e) {
            cancelled(job, me, elapsedMs(started));
            return;
        } catch (WorkerStopping e) {
            giveBack(job, me, "worker shutting down");
            return;
        } catch (JobLost e) {
            abandoned(job);
            return;
        } catch (Exception e) {
            if (DatabaseOutage.causes(e) && job.attempts() < properties.maxAttempts()) {
                giveBack(job, me, "database unavailable: " + e.getMessage());
            } else {
                fail(job, me, e, elapsedMs(started));
            }
            return;
        }
        // not caught: a success that could not be recorded is no failure; the lease sweeper takes it back
        stored(job, me, file, elapsedMs(started));
    }

    private void stored(ExportJob job, Holder me, ExportedFile file, long ms) {
        var result = new JobResult(
                job.fileName(), job.objectKey(), file.rowCount(), file.sizeBytes(), file.sha256(), job.contentType());
        Settled settled = outcomes.succeed(job, me, result);
        if (settled == Settled.MOVED) {
            log.info(
                    "job succeeded job={} trainer={} dataset={} rows={} bytes={} ms={}",
                    job.id(),
                    job.trainerId(),
                    job.dataset().id(),
                    file.rowCount(),
                    file.sizeBytes(),
                    ms);
            return;
        }
        // cancelled, deleted or taken back while we uploaded: the file belongs to no job
        discard(job);
        if (settled == Settled.CANCELLED) {
            log.info(
                    "job cancelled job={} trainer={} dataset={} ms={}",
                    job.id(),
                    job.trainerId(),
                    job.dataset().id(),
                    ms);
        } else {
            abandoned(job);
        }
    }

    private void cancelled(ExportJob job, Holder me, long ms) {
        if (outcomes.cancel(job, me)) {
            log.info(
                    "job cancelled job={} trainer={} dataset={} ms={}",
                    job.id(),
                    job.trainerId(),
                    job.dataset().id(),
                    ms);
        }
    }

    private void giveBack(ExportJob job, Holder me, String reason) {
        Settled settled = outcomes.requeue(job, me);
        if (settled == Settled.MOVED) {
            log.info(
                    "job requeued job={} trainer={} dataset={} attempts={} reason=\"{}\"",
                    job.id(),
                    job.trainerId(),
                    job.dataset().id(),
                    job.attempts(),
                    reason);
        } else if (settled == Settled.CANCELLED) {
            log.info(
                    "job cancelled job={} trainer={} dataset={} reason=\"cancel asked for before it was given back\"",
                    job.id(),
                    job.trainerId(),
                    job.dataset().id());
        }
    }

    private void fail(ExportJob job, Holder me, Exception cause, long ms) {
        JobError error = errorFor(cause);
        Settled settled = outcomes.fail(job, me, error);
        if (settled == Settled.MOVED) {
            log.warn(
                    "job failed job={} trainer={} dataset={} code={} ms={}",
                    job.id(),
                    job.trainerId(),
                    job.dataset().id(),
                    error.code(),
                    ms,
                    cause);
        } else if (settled == Settled.CANCELLED) {
            log.info(
                    "job cancelled job={} trainer={} dataset={} ms={}",
                    job.id(),
                    job.trainerId(),
                    job.dataset().id(),
                    ms);
        }
    }

    private void abandoned(ExportJob job) {
        log.info(
                "job abandoned job={} dataset={} reason=\"no longer held by this worker\"",
                job.id(),
                job.dataset().id());
    }

    /** Removes the file now, or queues its removal when the store fails. */
    private void discard(ExportJob job) {
        files.remove(job.objectKey());
    }

    static JobError errorFor(Exception cause) {
        if (cause instanceof S3Exception refused
                && refused.statusCode() >= 400
                && refused.statusCode() < 500
                && refused.statusCode() != 408
                && refused.statusCode() != 429) {
            return new JobError(
                    JobError.STORAGE_REJECTED,
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
