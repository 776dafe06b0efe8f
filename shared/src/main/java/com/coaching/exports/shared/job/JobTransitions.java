package com.coaching.exports.shared.job;

import static com.coaching.exports.shared.job.ExportJobRows.utc;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job's life in one place: its creation, every move between states, the cancel request and
 * the deletion. Each move is one statement: a guarded {@code update} whose {@code where} starts
 * from the move's state in {@link JobStatus}'s table (and, out of {@code RUNNING}, names its
 * {@link Holder}), with the move's {@code export_job_event} row inserted from its {@code returning}
 * (a data-modifying CTE: one round trip, and no move without its history row or the reverse), and
 * for a move that ends a job its webhook outbox rows ({@link WebhookEvents}). So
 * concurrent callers get exactly one winner, and a move whose guard fails changes nothing, writes
 * no history and logs nothing. The same statement bumps the job's {@code version} and notifies the
 * API's event streams ({@link JobChanges}). A move that happened logs one INFO line, after its
 * transaction commits:
 *
 * <pre>job succeeded job=… trainer=… dataset=… from=RUNNING to=SUCCEEDED by=… attempt=… rows=… bytes=… ms=…</pre>
 */
@Repository
public class JobTransitions {

    private static final Logger log = LoggerFactory.getLogger(JobTransitions.class);

    /** Who the history names for what the trainer does through the API. */
    public static final String BY_TRAINER = "trainer";
    /** Who the history names for a job a schedule made: {@code schedule <id>}. */
    public static String bySchedule(java.util.UUID scheduleId) {
        return "schedule " + scheduleId;
    }

    /** Who the history names for a file removed after its retention. */
    public static final String BY_RETENTION = "retention";

    public static final String CANCELLED_BY_TRAINER = "cancelled by trainer";
    public static final String RETENTION_ENDED = "retention ended";

    /**
     * The moves there are, each declared once with the state it starts from: a move the table in
     * {@link JobStatus} does not allow cannot be declared (the class fails to load).
     */
    private enum Move {
        CREATE(null, JobStatus.QUEUED, "created"),
        CLAIM(JobStatus.QUEUED, JobStatus.RUNNING, "started"),
        SUCCEED(JobStatus.RUNNING, JobStatus.SUCCEEDED, "succeeded", WebhookEvents.SUCCEEDED),
        FAIL(JobStatus.RUNNING, JobStatus.FAILED, "failed", WebhookEvents.FAILED),
        CANCEL_QUEUED(JobStatus.QUEUED, JobStatus.CANCELLED, "cancelled"),
        CANCEL_RUNNING(JobStatus.RUNNING, JobStatus.CANCELLED, "cancelled"),
        REQUEUE(JobStatus.RUNNING, JobStatus.QUEUED, "requeued"),
        DEFER(JobStatus.RUNNING, JobStatus.QUEUED, "deferred"),
        EXPIRE(JobStatus.SUCCEEDED, JobStatus.EXPIRED, "expired", WebhookEvents.EXPIRED);

        final JobStatus from;
        final JobStatus to;
        final String verb;
        /** The webhook event the move sends, or {@code null}. */
        final String webhookEvent;

        Move(JobStatus from, JobStatus to, String verb) {
            this(from, to, verb, null);
        }

        Move(JobStatus from, JobStatus to, String verb, String webhookEvent) {
            if (from != null) {
                from.requireMoveTo(to);
            }
            this.from = from;
            this.to = to;
            this.verb = verb;
            this.webhookEvent = webhookEvent;
        }

        /** A move that ends an attempt's run with the job: its line tells the rows, bytes and time. */
        boolean endsRun() {
            return from == JobStatus.RUNNING && to != JobStatus.QUEUED;
        }
    }

    /**
     * Tells the API's event streams that the job moved ({@link JobChanges}), from the move's own
     * statement: PostgreSQL delivers it at commit. In the final select, as a CTE that is a plain
     * select would not run unless read.
     */
    private static final String NOTIFIED = "\n       " + JobChanges.NOTIFY + " as notified";

    /** What a move returns of the row for its line: {@code ms} is the time since the attempt started. */
    private static final String RETURNING = "\n" + """
            returning id, trainer_id, dataset, attempts, rows_written, size_bytes, version,
                      (extract(epoch from cast(:at as timestamptz) - started_at) * 1000)::bigint as ms""";

    /** The move's history row, from what the move returned, and the returned row for the line. */
    private static final String RECORDED = """
            ),
            event as (
                insert into export_job_event (job_id, from_status, to_status, at, by, reason)
                select id, cast(:from as text), :to, :at, :by, cast(:reason as text) from moved)""";

    private static final String SELECTED =
            "\nselect id, trainer_id, dataset, attempts, rows_written, size_bytes, ms," + NOTIFIED + " from moved";

    private final JdbcClient jdbc;

    public JobTransitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new {@code QUEUED} job, asked for by the trainer; an idempotency key that is taken throws. */
    public void create(ExportJob job, String idempotencyKey, String requestHash) {
        create(job, BY_TRAINER, null, idempotencyKey, requestHash);
    }

    /**
     * A new {@code QUEUED} job that its history says {@code by} made (the trainer, or a schedule with
     * the firing as the {@code reason}); an idempotency key that is taken throws.
     */
    public void create(ExportJob job, String by, String reason, String idempotencyKey, String requestHash) {
        String sql = """
                with moved as (
                    insert into export_job (id, trainer_id, dataset, days, notify, status, created_at,
                                            estimated_rows, compression, lane, idempotency_key, request_hash, options)
                    values (:id, :trainerId, :dataset, :days, :notify, :to, :at,
                            :estimatedRows, :compression, :lane, :key, :hash, cast(:options as jsonb))""" + RETURNING + RECORDED + SELECTED;
        record(
                Move.CREATE,
                sql,
                job.id(),
                by,
                reason,
                job.createdAt(),
                spec -> spec.param("trainerId", job.trainerId())
                        .param("dataset", job.dataset().id())
                        .param("days", job.days())
                        .param("notify", job.notifyByEmail())
                        .param("estimatedRows", job.estimatedRows())
                        .param(
                                "compression",
                                job.compression() == null
                                        ? null
                                        : job.compression().id())
                        .param("lane", job.lane().id())
                        .param("options", job.options().toJson())
                        .param("key", idempotencyKey)
                        .param("hash", requestHash));
    }

    /**
     * QUEUED → RUNNING for this worker; false when another worker won, the job is not queued, or it
     * waits for a dependency until a {@code retry_at} still to come (an early message changes nothing:
     * the outbox publishes the job again then).
     */
    public boolean claim(UUID id, String workerId, Instant now) {
        return move(
                Move.CLAIM,
                "worker_id = :workerId, started_at = :at, heartbeat_at = :at, attempts = attempts + 1,"
                        + " rows_written = 0, retry_at = null",
                " and (retry_at is null or retry_at <= :at)",
                id,
                workerId,
                null,
                now,
                spec -> spec.param("workerId", workerId));
    }

    /** RUNNING → SUCCEEDED; false when {@code holder} no longer holds the job or a cancel was asked for. */
    public boolean succeed(UUID id, Holder holder, JobResult result, Instant now) {
        return move(
                Move.SUCCEED,
                """
                finished_at = :at, heartbeat_at = null, upload_id = null, rows_written = :rowCount,
                file_name = :fileName, object_key = :objectKey, row_count = :rowCount, size_bytes = :sizeBytes,
                sha256 = :sha256, content_type = :contentType""",
                holder.condition() + " and not cancel_requested",
                id,
                holder.by(),
                null,
                now,
                spec -> holder.bind(spec)
                        .param("fileName", result.fileName())
                        .param("objectKey", result.objectKey())
                        .param("rowCount", result.rowCount())
                        .param("sizeBytes", result.sizeBytes())
                        .param("sha256", result.sha256())
                        .param("contentType", result.contentType()));
    }

    /** RUNNING → FAILED; false when {@code holder} no longer holds the job or a cancel was asked for. */
    public boolean fail(UUID id, Holder holder, JobError error, Instant now) {
        return move(
                Move.FAIL,
                "finished_at = :at, heartbeat_at = null, upload_id = null, error_code = :code,"
                        + " error_message = :message",
                holder.condition() + " and not cancel_requested",
                id,
                holder.by(),
                error.code(),
                now,
                spec -> holder.bind(spec).param("code", error.code()).param("message", error.message()));
    }

    /**
     * RUNNING → QUEUED: the worker requeues the job (it is stopping, or the database cut the export
     * off) or the lease sweeper does (the worker died). False when {@code holder} no longer holds it
     * or a cancel was asked for: a cancel wins.
     */
    public boolean requeue(UUID id, Holder holder, String reason, Instant now) {
        return move(
                Move.REQUEUE,
                "worker_id = null, heartbeat_at = null, upload_id = null, rows_written = 0, started_at = null",
                holder.condition() + " and not cancel_requested",
                id,
                holder.by(),
                reason,
                now,
                holder::bind);
    }

    /**
     * RUNNING → QUEUED until {@code retryAt}: a dependency (the store, a database) failed for a moment,
     * so the job waits instead of failing. The wait is no attempt ({@code waits} counts it), and
     * {@code failing_since} keeps the first failure, which bounds how long the job may keep waiting.
     * False when {@code holder} no longer holds it or a cancel was asked for.
     */
    public boolean defer(UUID id, Holder holder, String reason, Instant retryAt, Instant now) {
        return move(
                Move.DEFER,
                "worker_id = null, heartbeat_at = null, upload_id = null, rows_written = 0, started_at = null,"
                        + " retry_at = :retryAt, failing_since = coalesce(failing_since, :at), waits = waits + 1",
                holder.condition() + " and not cancel_requested",
                id,
                holder.by(),
                reason,
                now,
                spec -> holder.bind(spec).param("retryAt", utc(retryAt)));
    }

    /** RUNNING → CANCELLED, as the trainer asked; false when {@code holder} no longer holds the job. */
    public boolean cancelRunning(UUID id, Holder holder, Instant now) {
        return move(
                Move.CANCEL_RUNNING,
                "finished_at = :at, heartbeat_at = null, upload_id = null",
                holder.condition() + " and cancel_requested",
                id,
                holder.by(),
                CANCELLED_BY_TRAINER,
                now,
                holder::bind);
    }

    /** QUEUED → CANCELLED at once, as the trainer asked; false when the job is no longer queued. */
    public boolean cancelQueued(UUID id, Instant now) {
        return move(
                Move.CANCEL_QUEUED,
                "finished_at = :at, cancel_requested = true",
                "",
                id,
                BY_TRAINER,
                CANCELLED_BY_TRAINER,
                now,
                UnaryOperator.identity());
    }

    /**
     * Asks the worker running the job to stop (no move yet: the worker makes it, {@link
     * #cancelRunning}); false when the job is not running.
     */
    public boolean requestCancel(UUID id) {
        return jdbc.sql("update export_job set cancel_requested = true where id = :id and status = :running")
                        .param("id", id)
                        .param("running", JobStatus.RUNNING.name())
                        .update()
                == 1;
    }

    /** SUCCEEDED → EXPIRED once the file is removed; the result metadata stays. */
    public boolean expire(UUID id, Instant now) {
        return move(Move.EXPIRE, "", "", id, BY_RETENTION, RETENTION_ENDED, now, UnaryOperator.identity());
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from export_job where id = :id").param("id", id).update() == 1;
    }

    /**
     * Deletes the job (its history goes with it); returns the key of the file it referenced, read in
     * the same statement, so a worker that records its file at that very moment either lands it
     * before the delete (and the key is returned) or finds no row (and removes its file itself).
     */
    public Optional<String> deleteReturningObjectKey(UUID id) {
        return jdbc
                .sql("delete from export_job where id = :id returning object_key, " + JobChanges.NOTIFY_DELETED)
                .param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString("object_key")))
                .list()
                .stream()
                .findFirst()
                .flatMap(key -> key);
    }

    /** An {@code update} from {@code move.from} to {@code move.to} that sets {@code set} too. */
    private boolean move(
            Move move,
            String set,
            String condition,
            UUID id,
            String by,
            String reason,
            Instant at,
            UnaryOperator<JdbcClient.StatementSpec> binds) {
        String sql = "with moved as (update export_job set status = :to, version = version + 1"
                + (set.isBlank() ? "" : ", " + set)
                + " where id = :id and status = :from" + condition
                + RETURNING + RECORDED + WebhookEvents.outbox(move.webhookEvent) + SELECTED;
        return record(move, sql, id, by, reason, at, binds);
    }

    private boolean record(
            Move move,
            String sql,
            UUID id,
            String by,
            String reason,
            Instant at,
            UnaryOperator<JdbcClient.StatementSpec> binds) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql)
                .param("id", id)
                .param("from", move.from == null ? null : move.from.name())
                .param("to", move.to.name())
                .param("at", utc(at))
                .param("by", by)
                .param("reason", reason);
        Optional<Moved> moved = binds.apply(spec)
                .query((rs, n) -> new Moved(
                        rs.getObject("id", UUID.class),
                        rs.getLong("trainer_id"),
                        rs.getString("dataset"),
                        rs.getInt("attempts"),
                        rs.getLong("rows_written"),
                        rs.getObject("size_bytes", Long.class),
                        rs.getObject("ms", Long.class)))
                .optional();
        moved.ifPresent(row -> afterCommit(() -> log.info("{}", line(move, row, by, reason))));
        return moved.isPresent();
    }

    private static String line(Move move, Moved row, String by, String reason) {
        StringBuilder line = new StringBuilder("job ")
                .append(move.verb)
                .append(" job=")
                .append(row.id())
                .append(" trainer=")
                .append(row.trainerId())
                .append(" dataset=")
                .append(row.dataset())
                .append(" from=")
                .append(move.from == null ? "none" : move.from.name())
                .append(" to=")
                .append(move.to.name())
                .append(" by=")
                .append(by)
                .append(" attempt=")
                .append(row.attempts());
        if (reason != null) {
            line.append(" reason=\"").append(reason).append('"');
        }
        if (move.endsRun()) {
            line.append(" rows=").append(row.rows());
            if (row.bytes() != null) {
                line.append(" bytes=").append(row.bytes());
            }
            if (row.ms() != null) {
                line.append(" ms=").append(row.ms());
            }
        }
        return line.toString();
    }

    /** Logs once the transaction the move runs in commits, or at once outside one. */
    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** What a move returned of the row. */
    private record Moved(UUID id, long trainerId, String dataset, int attempts, long rows, Long bytes, Long ms) {}
}
