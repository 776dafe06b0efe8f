package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.worker.WorkerIdentity;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
import java.time.Clock;
import java.util.UUID;
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

    private final JobTransitions transitions;
    private final ExportJobRows rows;
    private final Leases leases;
    private final FileExporter exporter;
    private final FileCleanup files;
    private final WorkerProperties properties;
    private final WorkerIdentity worker;
    private final RunningJobs runningJobs;
    private final JobOutcomes outcomes;
    private final Clock clock;

    ExportRunner(
            JobTransitions transitions,
            ExportJobRows rows,
            Leases leases,
            FileExporter exporter,
            FileCleanup files,
            WorkerProperties properties,
            WorkerIdentity worker,
            RunningJobs runningJobs,
            JobOutcomes outcomes,
            Clock clock) {
        this.transitions = transitions;
        this.rows = rows;
        this.leases = leases;
        this.exporter = exporter;
        this.files = files;
        this.properties = properties;
        this.worker = worker;
        this.runningJobs = runningJobs;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Runs the job if it is still queued. Throws {@link WorkerDraining} when this worker takes no
     * more jobs, and whatever the database threw when an outcome could not be recorded: in both
     * cases the message must not be acknowledged. A job whose outcome was not recorded stays RUNNING
     * without a lease renewal, so the lease sweeper requeues it.
     */
    public void run(UUID jobId) {
        if (!runningJobs.admit(jobId)) {
            throw new WorkerDraining();
        }
        try {
            claimAndRun(jobId);
        } finally {
            runningJobs.finished(jobId);
        }
    }

    private void claimAndRun(UUID jobId) {
        if (!transitions.claim(jobId, worker.id(), clock.instant())) {
            log.debug("message ignored job={}: not queued", jobId);
            return;
        }
        ExportJob job = rows.findById(jobId).orElseThrow();
        Holder me = Holder.of(worker.id(), job.attempts());
        if (job.cancelRequested()) { // requeued with a cancel asked for meanwhile
            outcomes.cancel(job, me);
            return;
        }
        var progress = new ProgressReporter(leases, clock, jobId, me, properties.progressInterval(), runningJobs);
        ExportedFile file;
        try {
            file = exporter.export(job, progress, uploadId -> leases.recordUpload(jobId, me, uploadId));
        } catch (ExportCancelled e) {
            outcomes.cancel(job, me);
            return;
        } catch (ExportStopped e) {
            outcomes.requeue(job, me, "worker stopping");
            return;
        } catch (JobLost e) {
            abandoned(job);
            return;
        } catch (Exception e) {
            if (DatabaseOutage.causes(e) && job.attempts() < properties.maxAttempts()) {
                log.warn("export cut off job={} error=\"{}\"", jobId, e.getMessage());
                outcomes.requeue(job, me, "database unavailable");
            } else if (DatabaseOutage.poolWait(e) && job.attempts() < properties.maxAttempts()) {
                // the database answers; this worker had no connection free in time (docs/operations.md, the pool)
                log.warn("export without a database connection job={} error=\"{}\"", jobId, e.getMessage());
                outcomes.requeue(job, me, "no database connection free on this worker");
            } else {
                fail(job, me, e);
            }
            return;
        }
        // not caught: a success that could not be recorded is no failure; the lease sweeper requeues it
        stored(job, me, file);
    }

    private void stored(ExportJob job, Holder me, ExportedFile file) {
        var result = new JobResult(
                job.fileName(), job.objectKey(), file.rowCount(), file.sizeBytes(), file.sha256(), job.contentType());
        Settled settled = outcomes.succeed(job, me, result);
        if (settled == Settled.MOVED) {
            return;
        }
        // cancelled, deleted or requeued by the lease sweeper while we uploaded: the file belongs to no job
        discard(job);
        if (settled == Settled.NOT_HELD) {
            abandoned(job);
        }
    }

    private void fail(ExportJob job, Holder me, Exception cause) {
        JobError error = errorFor(cause);
        log.warn("export error job={} code={}", job.id(), error.code(), cause);
        if (outcomes.fail(job, me, error) == Settled.MOVED) {
            // a store that completed the upload but whose answer was lost leaves a file no job owns
            discard(job);
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
}
