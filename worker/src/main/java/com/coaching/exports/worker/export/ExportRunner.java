package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.shared.tracing.Traces;
import com.coaching.exports.worker.WorkerIdentity;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.dependency.Breaker;
import com.coaching.exports.worker.dependency.Breakers;
import com.coaching.exports.worker.dependency.Dependency;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
import com.coaching.exports.worker.storage.StoreOutage;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one job: claims it (exactly one worker wins), exports it and records how it ended. A
 * message for a job that is not queued changes nothing. A dependency that is down for a moment (the
 * store, a database) does not fail the job: its breaker opens, a running upload holds while it is
 * open ({@code breaker-hold}), and past that the job waits in the queue until a {@code retry_at}
 * ({@link RetryWindow}); it fails with the dependency's code only once its dependencies have been
 * failing it for longer than {@code retry-for}.
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
    private final Breakers breakers;
    private final RetryWindow retryWindow;
    private final Traces traces;
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
            Breakers breakers,
            Traces traces,
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
        this.breakers = breakers;
        this.retryWindow = new RetryWindow(properties.retryFor(), properties.retryPolicy());
        this.traces = traces;
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
        if (!traces.inSpan("export claim", () -> transitions.claim(jobId, worker.id(), clock.instant()))) {
            log.debug("message ignored job={}: not queued", jobId);
            return;
        }
        ExportJob job = rows.findById(jobId).orElseThrow();
        Holder me = Holder.of(worker.id(), job.attempts());
        if (job.cancelRequested()) { // requeued with a cancel asked for meanwhile
            outcomes.cancel(job, me);
            return;
        }
        Optional<Dependency> down = breakers.exportDependencyDown();
        if (down.isPresent()) { // a small export would read all its rows for a store that takes none
            waitOrFail(job, me, down.get(), null);
            return;
        }
        var progress = new ProgressReporter(leases, clock, jobId, me, properties.progressInterval(), runningJobs);
        ExportedFile file;
        try {
            file = exporter.export(
                    job, progress, uploadId -> leases.recordUpload(jobId, me, uploadId), holdWhileStoreDown(progress));
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
            Optional<Dependency> failed = DependencyFailures.downIn(e);
            if (failed.isPresent()) {
                breakers.of(failed.get()).failed(e);
                whenRecorded(() -> waitOrFail(job, me, failed.get(), e));
            } else if (DatabaseOutage.poolWait(e) && job.crashAttempts() < properties.maxAttempts()) {
                // the database answers; this worker had no connection free in time (docs/operations.md, the pool)
                log.warn("export without a database connection job={} error=\"{}\"", jobId, e.getMessage());
                outcomes.requeue(job, me, "no database connection free on this worker");
            } else {
                fail(job, me, DependencyFailures.errorFor(e), e);
            }
            return;
        }
        // a success that could not be recorded even so is no failure; the lease sweeper requeues the job
        whenRecorded(() -> traces.runInSpan("export succeed", () -> succeed(job, me, file)));
    }

    /**
     * Records an outcome; when the service's database is down, waits for its breaker to close (at
     * most {@code breaker-hold}, the job still held and its lease renewed) and records it once more,
     * so a blip of the database costs neither the stored file nor an attempt. What still fails is
     * thrown: the message is requeued and the lease sweeper takes the job back.
     */
    private void whenRecorded(Runnable outcome) {
        try {
            outcome.run();
        } catch (RuntimeException e) {
            if (DependencyFailures.downIn(e).orElse(null) != Dependency.DATABASE) {
                throw e;
            }
            Breaker database = breakers.of(Dependency.DATABASE);
            database.failed(e);
            try {
                database.awaitClosed(properties.breakerHold(), runningJobs::mustStop);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
            outcome.run();
        }
    }

    /**
     * While the store is down, a running upload keeps its parts and its lease and waits for the
     * store's breaker to close, at most {@code breaker-hold} from its first failure, then sends the
     * failed call again; a cancel or a stop still ends it within about a second.
     */
    private StoreOutage holdWhileStoreDown(ProgressReporter progress) {
        return (failure, heldSinceNanos) -> {
            if (DependencyFailures.downIn(failure).orElse(null) != Dependency.STORE) {
                throw failure;
            }
            Breaker store = breakers.of(Dependency.STORE);
            store.failed(failure);
            Duration left = properties.breakerHold().minusNanos(System.nanoTime() - heldSinceNanos);
            try {
                if (!store.awaitClosed(left, () -> {
                    progress.check();
                    return false;
                })) {
                    throw failure;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the upload waited for the store");
            }
        };
    }

    /**
     * The job waits in the queue for its dependency (QUEUED until a retry time), or fails with the
     * dependency's code once it has been failing for longer than the retry window.
     */
    private void waitOrFail(ExportJob job, Holder me, Dependency dependency, @Nullable Exception cause) {
        Optional<Instant> retryAt = retryWindow.retryAt(job, clock.instant(), ThreadLocalRandom.current());
        if (retryAt.isEmpty()) {
            fail(job, me, dependency.error(), cause);
            return;
        }
        log.info(
                "export waits for its dependency job={} dependency={} retry_at={} error=\"{}\"",
                job.id(),
                dependency.id(),
                retryAt.get(),
                cause == null ? "breaker open" : cause.toString());
        outcomes.defer(job, me, dependency.waitReason(), retryAt.get());
    }

    /** Records the success; a file that no job owns any more (cancelled, deleted, requeued meanwhile) goes. */
    private void succeed(ExportJob job, Holder me, ExportedFile file) {
        var result = new JobResult(
                job.fileName(),
                job.objectKey(),
                file.rowCount(),
                file.sizeBytes(),
                file.sha256(),
                job.contentType(),
                file.dataAsOf());
        Settled settled = outcomes.succeed(job, me, result);
        if (settled == Settled.MOVED) {
            return;
        }
        // cancelled, deleted or requeued by the lease sweeper while we uploaded: the file belongs to no job
        files.remove(job.objectKey());
        if (settled == Settled.NOT_HELD) {
            abandoned(job);
        }
    }

    private void fail(ExportJob job, Holder me, JobError error, @Nullable Exception cause) {
        log.warn("export error job={} code={}", job.id(), error.code(), cause);
        outcomes.fail(job, me, error); // removes what a store whose answer was lost may have kept
    }

    private void abandoned(ExportJob job) {
        log.info(
                "job abandoned job={} dataset={} reason=\"no longer held by this worker\"",
                job.id(),
                job.dataset().id());
    }
}
