package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.job.Move;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.shared.metrics.JobMetrics;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.shared.tx.AfterCommit;
import com.coaching.exports.worker.mail.MailOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a running job out of {@code RUNNING}, each move one transaction with what its {@link Move}
 * declares comes with it: the mail the trainer asked for (one per job, however often its message
 * arrives or its worker dies after the end), the outbox entry of a requeued or deferred job, the
 * metric; and, once it committed, the file of the worker's own attempt that the move removes. A
 * cancel asked for before the move wins over it: the job ends {@code CANCELLED} instead. The moves
 * themselves, their history rows and their log lines are {@link JobTransitions}'.
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

    private final JobTransitions transitions;
    private final MailOutbox mails;
    private final OutboxRepository outbox;
    private final JobPublisher publisher;
    private final FileCleanup files;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JobMetrics metrics;

    JobOutcomes(
            JobTransitions transitions,
            MailOutbox mails,
            OutboxRepository outbox,
            JobPublisher publisher,
            FileCleanup files,
            TransactionTemplate transactions,
            Clock clock,
            JobMetrics metrics) {
        this.transitions = transitions;
        this.mails = mails;
        this.outbox = outbox;
        this.publisher = publisher;
        this.files = files;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** RUNNING → SUCCEEDED with the stored file. */
    public Settled succeed(ExportJob job, Holder holder, JobResult result) {
        return settle(
                Move.SUCCEED,
                job,
                holder,
                new Details(null, result, null),
                () -> transitions.succeed(job.id(), holder, result, clock.instant()));
    }

    /** RUNNING → FAILED with a reason. */
    public Settled fail(ExportJob job, Holder holder, JobError error) {
        return settle(
                Move.FAIL,
                job,
                holder,
                new Details(error.code(), null, null),
                () -> transitions.fail(job.id(), holder, error, clock.instant()));
    }

    /**
     * RUNNING → QUEUED with a new outbox entry, published once the move commits: the same way in as
     * a new job, so a broker outage delays it and never loses it.
     */
    public Settled requeue(ExportJob job, Holder holder, String reason) {
        return settle(
                Move.REQUEUE,
                job,
                holder,
                new Details(reason, null, null),
                () -> transitions.requeue(job.id(), holder, reason, clock.instant()));
    }

    /**
     * RUNNING → QUEUED until {@code retryAt}, as a dependency failed: its outbox entry is due then, so
     * the job's message comes back no earlier (a worker given one earlier leaves the job queued).
     */
    public Settled defer(ExportJob job, Holder holder, String reason, Instant retryAt) {
        return settle(
                Move.DEFER,
                job,
                holder,
                new Details(reason, null, retryAt),
                () -> transitions.defer(job.id(), holder, reason, retryAt, clock.instant()));
    }

    /** RUNNING → CANCELLED, as the trainer asked; false when {@code holder} no longer holds the job. */
    public boolean cancel(ExportJob job, Holder holder) {
        return transactions.execute(tx -> cancelled(job, holder)) == Settled.CANCELLED;
    }

    private Settled settle(Move move, ExportJob job, Holder holder, Details details, BooleanSupplier statement) {
        Settled settled = transactions.execute(tx -> {
            if (!statement.getAsBoolean()) {
                return cancelled(job, holder);
            }
            alongside(move, job, details);
            return Settled.MOVED;
        });
        if (settled == Settled.MOVED
                && move.removes() == Move.Removal.ATTEMPT_FILE
                && holder.mover() == Move.Mover.WORKER) {
            files.remove(job.objectKey()); // the lease sweeper removes a dead attempt's leftovers itself
        }
        return settled;
    }

    /** A cancel asked for wins: the move the holder tried did not happen, so the job ends CANCELLED. */
    private Settled cancelled(ExportJob job, Holder holder) {
        if (transitions.cancelRunning(job.id(), holder, clock.instant())) {
            alongside(Move.CANCEL_RUNNING, job, new Details(JobTransitions.CANCELLED_BY_TRAINER, null, null));
            return Settled.CANCELLED;
        }
        return Settled.NOT_HELD;
    }

    /** What {@code move} declares comes with it, in its transaction (or once that commits). */
    private void alongside(Move move, ExportJob job, Details details) {
        Instant now = clock.instant();
        if (move.mails() && job.notifyByEmail()) {
            mails.enqueue(job.id(), job.trainerId(), move.to(), now);
        }
        switch (move.publish()) {
            case NONE -> {}
            case AT_ONCE -> {
                outbox.add(job.id(), now);
                AfterCommit.run(() -> publish(job));
            }
            case AT_RETRY ->
                outbox.addDueAt(
                        job.id(), now, Objects.requireNonNull(details.retryAt(), "a deferral has its retry time"));
        }
        metrics.moved(move, job, details.reason(), details.result());
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the outbox awaits the confirm, and the sweeper sends again
    private void publish(ExportJob job) {
        publisher.publish(job.id(), job.lane(), job.traceparent());
    }

    /** What a move tells beyond the job: its reason, a success's file, a deferral's retry time. */
    private record Details(
            @Nullable String reason,
            @Nullable JobResult result,
            @Nullable Instant retryAt) {}
}
