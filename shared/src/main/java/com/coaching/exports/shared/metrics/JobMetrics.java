package com.coaching.exports.shared.metrics;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.Move;
import com.coaching.exports.shared.tx.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The job counters and export measures (docs/architecture.md, "Operations"): their names and tags
 * live here only. Called inside a transaction, a measure is recorded once it commits, so an end
 * that was rolled back is not counted.
 */
@Component
public class JobMetrics {

    /** Histogram buckets of the export duration: from a small file to a very large one. */
    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofMinutes(30),
        Duration.ofHours(1)
    };

    static final String NO_ERROR = "none";

    private final MeterRegistry registry;
    private final Clock clock;

    public JobMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Counts what {@code move} declares ({@link Move#metric()}) once it commits: {@code reason} is
     * the move's history reason (a failure's error code, a deferral's dependency), {@code result} a
     * success's file.
     */
    public void moved(Move move, ExportJob job, @Nullable String reason, @Nullable JobResult result) {
        switch (move.metric()) {
            case NONE -> {}
            case REQUESTED -> created(job);
            case FINISHED -> {
                switch (move.to()) {
                    case SUCCEEDED -> succeeded(job, Objects.requireNonNull(result, "a success has its file"));
                    case FAILED -> failed(job, Objects.requireNonNull(reason, "a failure has its error code"));
                    default -> ended(job, move.to());
                }
            }
            case REQUEUED -> requeued(job);
            case DEFERRED -> deferred(job, Objects.requireNonNull(reason, "a deferral names its dependency"));
        }
    }

    /**
     * A job was created (not a replayed idempotent request). Named "requested", not "created": the
     * Prometheus client keeps a {@code _created} suffix for itself and would expose {@code exports_jobs_total}.
     */
    private void created(ExportJob job) {
        AfterCommit.run(() -> Counter.builder("exports.jobs.requested")
                .description("Export jobs created (requested by a trainer)")
                .tag("dataset", job.dataset().id())
                .register(registry)
                .increment());
    }

    /** RUNNING → SUCCEEDED: the file, its rows and bytes, and how long the export ran. */
    private void succeeded(ExportJob job, JobResult result) {
        AfterCommit.run(() -> {
            finished(job, JobStatus.SUCCEEDED, NO_ERROR);
            DistributionSummary.builder("exports.export.rows")
                    .description("Rows in an exported file")
                    .baseUnit("rows")
                    .tag("dataset", job.dataset().id())
                    .register(registry)
                    .record((double) result.rowCount());
            DistributionSummary.builder("exports.export.bytes")
                    .description("Size of an exported file")
                    .baseUnit("bytes")
                    .tag("dataset", job.dataset().id())
                    .register(registry)
                    .record((double) result.sizeBytes());
        });
    }

    /** RUNNING → FAILED, by the worker that ran it or by a lease sweep after its attempts ran out. */
    private void failed(ExportJob job, String errorCode) {
        AfterCommit.run(() -> finished(job, JobStatus.FAILED, errorCode));
    }

    /** QUEUED or RUNNING → CANCELLED (the trainer asked), or any other end that tells no more. */
    private void ended(ExportJob job, JobStatus status) {
        AfterCommit.run(() -> finished(job, status, NO_ERROR));
    }

    /**
     * RUNNING → QUEUED: the job was requeued by its worker or the lease sweeper; it will run again.
     * The meter keeps its published name, {@code exports_jobs_retried_total}: dashboards read it.
     */
    private void requeued(ExportJob job) {
        AfterCommit.run(() -> retried(job.dataset().id()).increment());
    }

    private Counter retried(String dataset) {
        return Counter.builder("exports.jobs.retried")
                .description("Export jobs requeued after a worker stopped or died")
                .tag("dataset", dataset)
                .register(registry);
    }

    /** RUNNING → QUEUED until a retry time: the job waits for a dependency ({@code reason}) that failed it. */
    private void deferred(ExportJob job, String reason) {
        AfterCommit.run(() -> deferred(job.dataset().id(), reason).increment());
    }

    private Counter deferred(String dataset, String reason) {
        return Counter.builder("exports.jobs.deferred")
                .description("Export jobs put back to wait for a dependency that failed (store, database)")
                .tag("dataset", dataset)
                .tag("reason", reason)
                .register(registry);
    }

    /**
     * The orphan reconciler removed a file ({@code kind} {@code object}) or aborted a multipart
     * upload ({@code upload}) that no job referenced: something escaped every other clean-up path.
     */
    public void orphanRemoved(String kind) {
        orphans(kind).increment();
    }

    private Counter orphans(String kind) {
        return Counter.builder("exports.orphan.files.removed")
                .description("Files and multipart uploads no job referenced, removed by the orphan reconciler")
                .tag("kind", kind)
                .register(registry);
    }

    /**
     * Registers the worker's event counters at 0 for every dataset, deferral reason and orphan kind: from the
     * worker's start an alert's {@code increase} and a dashboard read 0, not "no data" until the first event.
     */
    public void countFromZero(Collection<String> deferralReasons, Collection<String> orphanKinds) {
        for (Dataset dataset : Dataset.values()) {
            retried(dataset.id());
            deferralReasons.forEach(reason -> deferred(dataset.id(), reason));
        }
        orphanKinds.forEach(this::orphans);
    }

    private void finished(ExportJob job, JobStatus status, String error) {
        Counter.builder("exports.jobs.finished")
                .description("Export jobs that ended, by outcome")
                .tag("dataset", job.dataset().id())
                .tag("status", status.name())
                .tag("error", error)
                .register(registry)
                .increment();
        if (job.startedAt() != null) {
            Timer.builder("exports.export.duration")
                    .description("From the start of the (last) attempt to the job's end")
                    .tag("dataset", job.dataset().id())
                    .tag("status", status.name())
                    .serviceLevelObjectives(DURATION_BUCKETS)
                    .register(registry)
                    .record(Duration.between(job.startedAt(), clock.instant()));
        }
    }
}
