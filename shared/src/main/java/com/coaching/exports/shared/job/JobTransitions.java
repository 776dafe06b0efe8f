package com.coaching.exports.shared.job;

import static com.coaching.exports.shared.job.ExportJobRows.utc;

import com.coaching.exports.shared.job.Move.Mover;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Moves jobs: their creation, every {@link Move} between states, the cancel request and the
 * deletion. A method a move: what it sets and what guards it beyond the move's own state; the
 * statement itself, its history row, webhook rows, notification and log line are {@link
 * MoveStatement}'s, what comes with it is declared on the {@link Move}.
 */
@Repository
public class JobTransitions {

    /** Who the history names for what the trainer does through the API. */
    public static final String BY_TRAINER = "trainer";
    /** Who the history names for a job a schedule made: {@code schedule <id>}. */
    public static String bySchedule(UUID scheduleId) {
        return "schedule " + scheduleId;
    }

    /** Who the history names for a file removed after its retention. */
    public static final String BY_RETENTION = "retention";

    public static final String CANCELLED_BY_TRAINER = "cancelled by trainer";
    public static final String RETENTION_ENDED = "retention ended";

    /** The guard of every move out of {@code RUNNING} but the cancel: a cancel asked for wins. */
    private static final String NOT_CANCELLED = " and not cancel_requested";

    private final JdbcClient jdbc;

    public JobTransitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new {@code QUEUED} job, asked for by the trainer; an idempotency key that is taken throws. */
    public void create(ExportJob job, @Nullable String idempotencyKey, @Nullable String requestHash) {
        create(job, BY_TRAINER, null, idempotencyKey, requestHash);
    }

    /**
     * A new {@code QUEUED} job that its history says {@code by} made (the trainer, or a schedule with
     * the firing as the {@code reason}); an idempotency key that is taken throws.
     */
    public void create(
            ExportJob job,
            String by,
            @Nullable String reason,
            @Nullable String idempotencyKey,
            @Nullable String requestHash) {
        MoveStatement.of(Move.CREATE, job.id(), job.createdAt())
                .by(BY_TRAINER.equals(by) ? Mover.TRAINER : Mover.SCHEDULE, by)
                .reason(reason)
                .bind(spec -> spec.param("trainerId", job.trainerId())
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
                        .param("hash", requestHash)
                        .param("traceparent", job.traceparent()))
                .insert(jdbc, """
                    insert into export_job (id, trainer_id, dataset, days, notify, status, created_at,
                                            estimated_rows, compression, lane, idempotency_key, request_hash, options,
                                            traceparent)
                    values (:id, :trainerId, :dataset, :days, :notify, :to, :at,
                            :estimatedRows, :compression, :lane, :key, :hash, cast(:options as jsonb),
                            :traceparent)""");
    }

    /**
     * QUEUED → RUNNING for this worker; false when another worker won, the job is not queued, or it
     * waits for a dependency until a {@code retry_at} still to come (an early message changes nothing:
     * the outbox publishes the job again then).
     */
    public boolean claim(UUID id, String workerId, Instant now) {
        return MoveStatement.of(Move.CLAIM, id, now)
                .by(Mover.WORKER, workerId)
                .set("worker_id = :workerId, started_at = :at, heartbeat_at = :at, attempts = attempts + 1,"
                        + " rows_written = 0, retry_at = null")
                .where(" and (retry_at is null or retry_at <= :at)")
                .bind(spec -> spec.param("workerId", workerId))
                .update(jdbc);
    }

    /** RUNNING → SUCCEEDED; false when {@code holder} no longer holds the job or a cancel was asked for. */
    public boolean succeed(UUID id, Holder holder, JobResult result, Instant now) {
        return MoveStatement.of(Move.SUCCEED, id, now)
                .by(holder)
                .where(NOT_CANCELLED)
                .set("""
                finished_at = :at, heartbeat_at = null, upload_id = null, rows_written = :rowCount,
                file_name = :fileName, object_key = :objectKey, row_count = :rowCount, size_bytes = :sizeBytes,
                sha256 = :sha256, content_type = :contentType, data_as_of = :dataAsOf""")
                .bind(spec -> spec.param("fileName", result.fileName())
                        .param("objectKey", result.objectKey())
                        .param("rowCount", result.rowCount())
                        .param("sizeBytes", result.sizeBytes())
                        .param("sha256", result.sha256())
                        .param("contentType", result.contentType())
                        .param("dataAsOf", utc(result.dataAsOf())))
                .update(jdbc);
    }

    /** RUNNING → FAILED; false when {@code holder} no longer holds the job or a cancel was asked for. */
    public boolean fail(UUID id, Holder holder, JobError error, Instant now) {
        return MoveStatement.of(Move.FAIL, id, now)
                .by(holder)
                .where(NOT_CANCELLED)
                .reason(error.code())
                .set("finished_at = :at, heartbeat_at = null, upload_id = null, error_code = :code,"
                        + " error_message = :message")
                .bind(spec -> spec.param("code", error.code()).param("message", error.message()))
                .update(jdbc);
    }

    /**
     * RUNNING → QUEUED: the worker requeues the job (it is stopping, or the database cut the export
     * off) or the lease sweeper does (the worker died). False when {@code holder} no longer holds it
     * or a cancel was asked for: a cancel wins.
     */
    public boolean requeue(UUID id, Holder holder, String reason, Instant now) {
        return MoveStatement.of(Move.REQUEUE, id, now)
                .by(holder)
                .where(NOT_CANCELLED)
                .reason(reason)
                .set("worker_id = null, heartbeat_at = null, upload_id = null, rows_written = 0, started_at = null")
                .update(jdbc);
    }

    /**
     * RUNNING → QUEUED until {@code retryAt}: a dependency (the store, a database) failed for a moment,
     * so the job waits instead of failing. The wait is no attempt ({@code waits} counts it), and
     * {@code failing_since} keeps the first failure, which bounds how long the job may keep waiting.
     * False when {@code holder} no longer holds it or a cancel was asked for.
     */
    public boolean defer(UUID id, Holder holder, String reason, Instant retryAt, Instant now) {
        return MoveStatement.of(Move.DEFER, id, now)
                .by(holder)
                .where(NOT_CANCELLED)
                .reason(reason)
                .set("worker_id = null, heartbeat_at = null, upload_id = null, rows_written = 0, started_at = null,"
                        + " retry_at = :retryAt, failing_since = coalesce(failing_since, :at), waits = waits + 1")
                .bind(spec -> spec.param("retryAt", utc(retryAt)))
                .update(jdbc);
    }

    /** RUNNING → CANCELLED, as the trainer asked; false when {@code holder} no longer holds the job. */
    public boolean cancelRunning(UUID id, Holder holder, Instant now) {
        return MoveStatement.of(Move.CANCEL_RUNNING, id, now)
                .by(holder)
                .where(" and cancel_requested")
                .reason(CANCELLED_BY_TRAINER)
                .set("finished_at = :at, heartbeat_at = null, upload_id = null")
                .update(jdbc);
    }

    /** QUEUED → CANCELLED at once, as the trainer asked; false when the job is no longer queued. */
    public boolean cancelQueued(UUID id, Instant now) {
        return MoveStatement.of(Move.CANCEL_QUEUED, id, now)
                .by(Mover.TRAINER, BY_TRAINER)
                .reason(CANCELLED_BY_TRAINER)
                .set("finished_at = :at, cancel_requested = true")
                .update(jdbc);
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
        return MoveStatement.of(Move.EXPIRE, id, now)
                .by(Mover.RETENTION, BY_RETENTION)
                .reason(RETENTION_ENDED)
                .update(jdbc);
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
}
