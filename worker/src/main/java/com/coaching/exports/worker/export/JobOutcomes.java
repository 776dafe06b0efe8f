package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.shared.metrics.JobMetrics;
import com.coaching.exports.worker.mail.MailOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a running job out of {@code RUNNING}, each move one transaction with what goes with it:
 * the mail the trainer asked for (one per job, however often its message arrives or its worker
 * dies after the end), the outbox entry of a requeued job, the metrics. A cancel asked for before
 * the move wins over it: the job ends {@code CANCELLED} instead. The moves themselves, their history
 * rows and their log lines are {@link JobTransitions}'.
 */
@Component
public class JobOutcomes {

    /** How a move went. */
    public enum Settled {
        /** The job moved as asked. */
        MOVED,
        /** A cancel had been asked for: the job ended CANCELLED instead. */
        CANCELLED,
        /** The holder no longer held the job (deleted, requeued by the lease sweeper, or ended by someone else). */
        NOT_HELD
    }

    private final JobTransitions jobs;
    private final MailOutbox mails;
    private final OutboxRepository outbox;
    private final JobPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JobMetrics metrics;

    JobOutcomes(
            JobTransitions jobs,
            MailOutbox mails,
            OutboxRepository outbox,
            JobPublisher publisher,
            TransactionTemplate transactions,
            Clock clock,
            JobMetrics metrics) {
        this.jobs = jobs;
        this.mails = mails;
        this.outbox = outbox;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** RUNNING → SUCCEEDED with the stored file. */
    public Settled succeed(ExportJob job, Holder holder, JobResult result) {
        return settle(job, holder, () -> jobs.succeed(job.id(), holder, result, clock.instant()), () -> {
            metrics.succeeded(job, result);
            mailIfAsked(job, JobStatus.SUCCEEDED);
        });
    }

    /** RUNNING → FAILED with a reason. */
    public Settled fail(ExportJob job, Holder holder, JobError error) {
        return settle(job, holder, () -> jobs.fail(job.id(), holder, error, clock.instant()), () -> {
            metrics.failed(job, error);
            mailIfAsked(job, JobStatus.FAILED);
        });
    }

    /**
     * RUNNING → QUEUED with a new outbox entry, published once the move commits: the same way in as
     * a new job, so a broker outage delays it and never loses it.
     */
    @SuppressWarnings("FutureReturnValueIgnored") // the outbox awaits the confirm, and the sweeper sends again
    public Settled requeue(ExportJob job, Holder holder, String reason) {
        return settle(job, holder, () -> jobs.requeue(job.id(), holder, reason, clock.instant()), () -> {
            outbox.add(job.id(), clock.instant());
            metrics.requeued(job);
            afterCommit(() -> publisher.publish(job.id(), job.lane()));
        });
    }

    /**
     * RUNNING → QUEUED until {@code retryAt}, as a dependency failed: its outbox entry is due then, so
     * the job's message comes back no earlier (a worker given one earlier leaves the job queued).
     */
    public Settled defer(ExportJob job, Holder holder, String reason, Instant retryAt) {
        return settle(job, holder, () -> jobs.defer(job.id(), holder, reason, retryAt, clock.instant()), () -> {
            outbox.addDueAt(job.id(), clock.instant(), retryAt);
            metrics.deferred(job, reason);
        });
    }

    /** RUNNING → CANCELLED, as the trainer asked; false when {@code holder} no longer holds the job. */
    public boolean cancel(ExportJob job, Holder holder) {
        return settle(job, holder, () -> false, () -> {}) == Settled.CANCELLED;
    }

    private Settled settle(ExportJob job, Holder holder, BooleanSupplier move, Runnable alongside) {
        return transactions.execute(tx -> {
            if (move.getAsBoolean()) {
                alongside.run();
                return Settled.MOVED;
            }
            if (jobs.cancelRunning(job.id(), holder, clock.instant())) {
                metrics.cancelled(job);
                return Settled.CANCELLED;
            }
            return Settled.NOT_HELD;
        });
    }

    private void mailIfAsked(ExportJob job, JobStatus outcome) {
        if (job.notifyByEmail()) {
            mails.enqueue(job.id(), job.trainerId(), outcome, clock.instant());
        }
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
