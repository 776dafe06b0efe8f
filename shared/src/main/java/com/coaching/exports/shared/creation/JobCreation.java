package com.coaching.exports.shared.creation;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.job.Lane;
import com.coaching.exports.shared.job.Move;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.shared.metrics.JobMetrics;
import com.coaching.exports.shared.tracing.Traces;
import com.coaching.exports.shared.tx.AfterCommit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates a job, for the API (a trainer's request) and the worker (a schedule's firing) alike: the
 * row estimate and the lane it chooses, the trainer's active-job limit, and the job with its outbox
 * entry in one transaction, its message published once that commits. Joins the caller's transaction
 * when there is one (a firing holds its schedule's row lock meanwhile). The job keeps the trace of the
 * request that makes it, which its publish and its run continue.
 */
@Component
@EnableConfigurationProperties(JobLimits.class)
public class JobCreation {

    /** A trainer's queued and running jobs: read from their own index (V13), whatever the trainer's history. */
    public static final String COUNT_ACTIVE =
            "select count(*) from export_job where trainer_id = :trainerId and status in ('QUEUED', 'RUNNING')";

    private final RowEstimator estimator;
    private final JobTransitions transitions;
    private final OutboxRepository outbox;
    private final JobPublisher publisher;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final JobMetrics metrics;
    private final JobLimits limits;
    private final Traces traces;

    public JobCreation(
            RowEstimator estimator,
            JobTransitions transitions,
            OutboxRepository outbox,
            JobPublisher publisher,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            JobMetrics metrics,
            JobLimits limits,
            Traces traces) {
        this.estimator = estimator;
        this.transitions = transitions;
        this.outbox = outbox;
        this.publisher = publisher;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.limits = limits;
        this.traces = traces;
    }

    public int maxActiveJobs() {
        return limits.maxActivePerTrainer();
    }

    /**
     * Estimates the job, puts it in its lane and stores it {@code QUEUED} with its outbox entry,
     * unless its trainer already has {@link JobLimits#maxActivePerTrainer()} jobs queued or running.
     *
     * @return the job as stored; empty when the trainer is at the limit (nothing was written)
     * @throws org.springframework.dao.DuplicateKeyException when the idempotency key is taken
     */
    public Optional<ExportJob> create(
            ExportJob requested, @Nullable String idempotencyKey, @Nullable String requestHash) {
        return create(requested, JobTransitions.BY_TRAINER, null, idempotencyKey, requestHash);
    }

    /** As {@link #create(ExportJob, String, String)}, its history naming who made it ({@code by}) and why. */
    public Optional<ExportJob> create(
            ExportJob requested,
            String by,
            @Nullable String reason,
            @Nullable String idempotencyKey,
            @Nullable String requestHash) {
        long estimate = estimator.estimate(requested);
        ExportJob job = requested
                .estimated(estimate, Lane.forEstimate(estimate, limits.bulkThresholdRows()))
                .traced(traces.traceparent());
        Optional<ExportJob> created = transactions.execute(tx -> {
            if (countActiveLocked(job.trainerId()) >= limits.maxActivePerTrainer()) {
                return Optional.<ExportJob>empty();
            }
            transitions.create(job, by, reason, idempotencyKey, requestHash);
            outbox.add(job.id(), job.createdAt());
            AfterCommit.run(() -> publish(job));
            metrics.moved(Move.CREATE, job, reason, null);
            return Optional.of(job);
        });
        return created == null ? Optional.empty() : created;
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the outbox awaits the confirm, and the sweeper sends again
    private void publish(ExportJob job) {
        publisher.publish(job.id(), job.lane(), job.traceparent());
    }

    /**
     * The trainer's jobs queued or running, counted under a lock held to the end of the transaction,
     * so that two creations for one trainer at once cannot both pass the limit.
     */
    private int countActiveLocked(long trainerId) {
        jdbc.sql("select pg_advisory_xact_lock(:trainerId)")
                .param("trainerId", trainerId)
                .query()
                .listOfRows();
        return jdbc.sql(COUNT_ACTIVE)
                .param("trainerId", trainerId)
                .query(Integer.class)
                .single();
    }
}
