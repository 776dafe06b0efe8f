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
@SuppressWarnings("ImmutableEnumChecker") // movers is set in the constructor, never changed, and handed out as a copy
public enum Move {
    CREATE(
            null,
            QUEUED,
            "created",
            EnumSet.of(TRAINER, SCHEDULE),
            null,
            false,
            Metric.REQUESTED,
            Publish.AT_ONCE,
            Removal.NONE),
    CLAIM(QUEUED, RUNNING, "started", EnumSet.of(WORKER), null, false, Metric.NONE, Publish.NONE, Removal.NONE),
    SUCCEED(
            RUNNING,
            SUCCEEDED,
            "succeeded",
            EnumSet.of(WORKER),
            WebhookEvents.SUCCEEDED,
            true,
            Metric.FINISHED,
            Publish.NONE,
            Removal.NONE),
    FAIL(
            RUNNING,
            FAILED,
            "failed",
            EnumSet.of(WORKER, LEASE_SWEEPER),
            WebhookEvents.FAILED,
            true,
            Metric.FINISHED,
            Publish.NONE,
            Removal.ATTEMPT_FILE),
    CANCEL_QUEUED(
            QUEUED,
            CANCELLED,
            "cancelled",
            EnumSet.of(TRAINER),
            null,
            false,
            Metric.FINISHED,
            Publish.NONE,
            Removal.NONE),
    CANCEL_RUNNING(
            RUNNING,
            CANCELLED,
            "cancelled",
            EnumSet.of(WORKER, LEASE_SWEEPER),
            null,
            false,
            Metric.FINISHED,
            Publish.NONE,
            Removal.NONE),
    REQUEUE(
            RUNNING,
            QUEUED,
            "requeued",
            EnumSet.of(WORKER, LEASE_SWEEPER),
            null,
            false,
            Metric.REQUEUED,
            Publish.AT_ONCE,
            Removal.NONE),
    DEFER(
            RUNNING,
            QUEUED,
            "deferred",
            EnumSet.of(WORKER),
            null,
            false,
            Metric.DEFERRED,
            Publish.AT_RETRY,
            Removal.ATTEMPT_FILE),
    EXPIRE(
            SUCCEEDED,
            EXPIRED,
            "expired",
            EnumSet.of(RETENTION),
            WebhookEvents.EXPIRED,
            false,
            Metric.NONE,
            Publish.NONE,
            Removal.RESULT_FILE);

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

    private final JobStatus from;
    private final JobStatus to;
    private final String verb;
    private final Set<Mover> movers;
    private final String webhookEvent;
    private final boolean mails;
    private final Metric metric;
    private final Publish publish;
    private final Removal removes;

    Move(
            JobStatus from,
            JobStatus to,
            String verb,
            EnumSet<Mover> movers,
            String webhookEvent,
            boolean mails,
            Metric metric,
            Publish publish,
            Removal removes) {
        this.from = from;
        this.to = to;
        this.verb = verb;
        this.movers = movers;
        this.webhookEvent = webhookEvent;
        this.mails = mails;
        this.metric = metric;
        this.publish = publish;
        this.removes = removes;
    }

    /** The state the move starts from; {@code null} for the creation. */
    public JobStatus from() {
        return from;
    }

    public JobStatus to() {
        return to;
    }

    /** The verb of the move's log line: {@code job <verb> job=…}. */
    public String verb() {
        return verb;
    }

    /** Who may make the move. */
    public Set<Mover> movers() {
        return EnumSet.copyOf(movers);
    }

    public boolean madeBy(Mover mover) {
        return movers.contains(mover);
    }

    /** The webhook event the move sends ({@link WebhookEvents}), or {@code null}. */
    public String webhookEvent() {
        return webhookEvent;
    }

    /** Whether a job that asked for a mail ({@code notify}) gets one: {@code MailOutbox.enqueue}, in the move's transaction. */
    public boolean mails() {
        return mails;
    }

    public Metric metric() {
        return metric;
    }

    public Publish publish() {
        return publish;
    }

    public Removal removes() {
        return removes;
    }

    /** A move that ends an attempt's run with the job: its line tells the rows, bytes and time. */
    public boolean endsRun() {
        return from == RUNNING && to != QUEUED;
    }
}
