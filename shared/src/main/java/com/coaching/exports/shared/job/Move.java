package com.coaching.exports.shared.job;

import static com.coaching.exports.shared.job.JobStatus.CANCELLED;
import static com.coaching.exports.shared.job.JobStatus.EXPIRED;
import static com.coaching.exports.shared.job.JobStatus.FAILED;
import static com.coaching.exports.shared.job.JobStatus.QUEUED;
import static com.coaching.exports.shared.job.JobStatus.RUNNING;
import static com.coaching.exports.shared.job.JobStatus.SUCCEEDED;
import static com.coaching.exports.shared.job.Move.Mover.LEASE_SWEEPER;
import static com.coaching.exports.shared.job.Move.Mover.RETENTION;
import static com.coaching.exports.shared.job.Move.Mover.SCHEDULE;
import static com.coaching.exports.shared.job.Move.Mover.TRAINER;
import static com.coaching.exports.shared.job.Move.Mover.WORKER;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every move a job makes, declared once: the state it starts from ({@code null} for the creation)
 * and the one it ends in, who may make it, the verb of its log line and what comes with it. The
 * allowed moves of {@link JobStatus} are these; docs/api.md and docs/architecture.md ("Job states")
 * list them, and {@code MovesDocumentedTest} holds the three together.
 *
 * <p>Every move writes, in its own statement ({@link JobTransitions}): the job's new state and
 * {@code version}, its history row ({@code export_job_event}), the notification to the API's event
 * streams ({@link JobChanges}), and the webhook rows of its {@link #webhookEvent()}; once it
 * commits, its INFO line. What its callers do with it, in the same transaction or after, is
 * declared here as well: the mail ({@link #mails()}), the metric ({@link #metric()}), the job's
 * message ({@link #publish()}) and the file it removes ({@link #removes()}).
 */
@SuppressWarnings("ImmutableEnumChecker") // a declaration's movers are set once, never changed, handed out as a copy
public enum Move {
    CREATE(move(null, QUEUED, "created")
            .by(TRAINER, SCHEDULE)
            .counts(Metric.REQUESTED)
            .publishes(Publish.AT_ONCE)),
    CLAIM(move(QUEUED, RUNNING, "started").by(WORKER)),
    SUCCEED(move(RUNNING, SUCCEEDED, "succeeded")
            .by(WORKER)
            .sends(WebhookEvents.SUCCEEDED)
            .mails()
            .counts(Metric.FINISHED)),
    FAIL(move(RUNNING, FAILED, "failed")
            .by(WORKER, LEASE_SWEEPER)
            .sends(WebhookEvents.FAILED)
            .mails()
            .counts(Metric.FINISHED)
            .removes(Removal.ATTEMPT_FILE)),
    CANCEL_QUEUED(move(QUEUED, CANCELLED, "cancelled").by(TRAINER).counts(Metric.FINISHED)),
    CANCEL_RUNNING(
            move(RUNNING, CANCELLED, "cancelled").by(WORKER, LEASE_SWEEPER).counts(Metric.FINISHED)),
    REQUEUE(move(RUNNING, QUEUED, "requeued")
            .by(WORKER, LEASE_SWEEPER)
            .counts(Metric.REQUEUED)
            .publishes(Publish.AT_ONCE)),
    DEFER(move(RUNNING, QUEUED, "deferred")
            .by(WORKER)
            .counts(Metric.DEFERRED)
            .publishes(Publish.AT_RETRY)
            .removes(Removal.ATTEMPT_FILE)),
    EXPIRE(move(SUCCEEDED, EXPIRED, "expired")
            .by(RETENTION)
            .sends(WebhookEvents.EXPIRED)
            .removes(Removal.RESULT_FILE));

    /** Who makes a move; the history's {@code by} names it. */
    public enum Mover {
        /** Through the API ({@code by} {@code trainer}). */
        TRAINER,
        /** A schedule's firing, in a worker ({@code by} {@code schedule <id>}). */
        SCHEDULE,
        /** The worker that runs the attempt ({@code by} its id). */
        WORKER,
        /**
         * A worker's lease sweeper, for a worker that died ({@code by} {@code lease-sweeper}); whatever
         * it moves, it then aborts the dead attempt's upload and removes its file.
         */
        LEASE_SWEEPER,
        /** The retention sweeper ({@code by} {@code retention}). */
        RETENTION
    }

    /** The meter a move counts, once it commits (the names are {@code JobMetrics}'). */
    public enum Metric {
        NONE,
        /** {@code exports_jobs_requested_total}. */
        REQUESTED,
        /** {@code exports_jobs_finished_total} by outcome, {@code exports_export_duration}; a success its rows and bytes. */
        FINISHED,
        /** {@code exports_jobs_retried_total}. */
        REQUEUED,
        /** {@code exports_jobs_deferred_total} by reason. */
        DEFERRED
    }

    /** The job's message that comes with a move: an outbox entry written with the move. */
    public enum Publish {
        NONE,
        /** Due at once, and published once the move commits. */
        AT_ONCE,
        /** Due at the job's {@code retry_at}: the outbox sweeper publishes it then. */
        AT_RETRY
    }

    /** The file a move removes. */
    public enum Removal {
        NONE,
        /**
         * What the attempt may have stored (a store that completed the upload but whose answer was
         * lost), removed by its worker once the move committed.
         */
        ATTEMPT_FILE,
        /** The job's file, removed by the retention sweeper before the move: its retention ended. */
        RESULT_FILE
    }

    private final Declared declared;

    Move(Declared declared) {
        this.declared = declared;
    }

    /** The state the move starts from; {@code null} for the creation. */
    public @Nullable JobStatus from() {
        return declared.from();
    }

    public JobStatus to() {
        return declared.to();
    }

    /** The verb of the move's log line: {@code job <verb> job=…}. */
    public String verb() {
        return declared.verb();
    }

    /** Who may make the move. */
    public Set<Mover> movers() {
        return EnumSet.copyOf(declared.movers());
    }

    public boolean madeBy(Mover mover) {
        return declared.movers().contains(mover);
    }

    /** The webhook event the move sends ({@link WebhookEvents}), or {@code null}. */
    public @Nullable String webhookEvent() {
        return declared.webhookEvent();
    }

    /** Whether a job that asked for a mail ({@code notify}) gets one: {@code MailOutbox.enqueue}, in the move's transaction. */
    public boolean mails() {
        return declared.mailing();
    }

    public Metric metric() {
        return declared.metric();
    }

    public Publish publish() {
        return declared.publish();
    }

    public Removal removes() {
        return declared.removes();
    }

    /**
     * Whether the move queues the job's delivery to the destination it names, if any (an {@code
     * export_delivery} row, in the move's own statement): the success, once the file is stored.
     */
    public boolean delivers() {
        return this == SUCCEED;
    }

    /** A move that ends an attempt's run with the job: its line tells the rows, bytes and time. */
    public boolean endsRun() {
        return from() == RUNNING && to() != QUEUED;
    }

    /** A move from {@code from} to {@code to} that its line calls {@code verb}, and nothing else yet. */
    private static Declared move(@Nullable JobStatus from, JobStatus to, String verb) {
        return new Declared(
                from, to, verb, EnumSet.noneOf(Mover.class), null, false, Metric.NONE, Publish.NONE, Removal.NONE);
    }

    /** What a constant declares, one phrase at a time. */
    private record Declared(
            @Nullable JobStatus from,
            JobStatus to,
            String verb,
            Set<Mover> movers,
            @Nullable String webhookEvent,
            boolean mailing,
            Metric metric,
            Publish publish,
            Removal removes) {

        Declared by(Mover first, Mover... more) {
            return new Declared(
                    from, to, verb, EnumSet.of(first, more), webhookEvent, mailing, metric, publish, removes);
        }

        Declared sends(@Nullable String event) {
            return new Declared(from, to, verb, movers, event, mailing, metric, publish, removes);
        }

        Declared mails() {
            return new Declared(from, to, verb, movers, webhookEvent, true, metric, publish, removes);
        }

        Declared counts(Metric counted) {
            return new Declared(from, to, verb, movers, webhookEvent, mailing, counted, publish, removes);
        }

        Declared publishes(Publish published) {
            return new Declared(from, to, verb, movers, webhookEvent, mailing, metric, published, removes);
        }

        Declared removes(Removal removed) {
            return new Declared(from, to, verb, movers, webhookEvent, mailing, metric, publish, removed);
        }
    }
}
