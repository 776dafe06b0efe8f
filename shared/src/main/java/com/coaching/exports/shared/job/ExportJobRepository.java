package com.coaching.exports.shared.job;

import com.coaching.exports.shared.dataset.Dataset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code export_job} table. Every move between states is one conditional update whose
 * {@code where} clause names the state it starts from, so concurrent callers get exactly one winner.
 */
@Repository
public class ExportJobRepository {

    private static final String COLUMNS = """
            id, trainer_id, dataset, days, notify, status, created_at, started_at, finished_at,
            rows_written, estimated_rows, cancel_requested, attempts, file_name, object_key, row_count,
            size_bytes, sha256, content_type, error_code, error_message, compression, lane, options""";

    private final JdbcClient jdbc;

    public ExportJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ExportJob job, String idempotencyKey, String requestHash) {
        jdbc.sql("""
                insert into export_job (id, trainer_id, dataset, days, notify, status, created_at,
                                        estimated_rows, compression, lane, idempotency_key, request_hash, options)
                values (:id, :trainerId, :dataset, :days, :notify, :status, :createdAt,
                        :estimatedRows, :compression, :lane, :key, :hash, cast(:options as jsonb))""")
                .param("id", job.id())
                .param("trainerId", job.trainerId())
                .param("dataset", job.dataset().id())
                .param("days", job.days())
                .param("notify", job.notifyByEmail())
                .param("status", job.status().name())
                .param("createdAt", utc(job.createdAt()))
                .param("estimatedRows", job.estimatedRows())
                .param(
                        "compression",
                        job.compression() == null ? null : job.compression().id())
                .param("lane", job.lane().id())
                .param("key", idempotencyKey)
                .param("hash", requestHash)
                .param("options", job.options().toJson())
                .update();
    }

    public Optional<ExportJob> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from export_job where id = :id")
                .param("id", id)
                .query(ExportJobRepository::map)
                .optional();
    }

    /** The job if it belongs to the trainer; another trainer's job is as absent as an unknown one. */
    public Optional<ExportJob> findByIdForTrainer(UUID id, long trainerId) {
        return jdbc.sql("select " + COLUMNS + " from export_job where id = :id and trainer_id = :trainerId")
                .param("id", id)
                .param("trainerId", trainerId)
                .query(ExportJobRepository::map)
                .optional();
    }

    /** A page of the trainer's jobs, newest first. */
    public List<ExportJob> pageForTrainer(long trainerId, int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from export_job where trainer_id = :trainerId"
                        + " order by created_at desc, id desc limit :size offset :offset")
                .param("trainerId", trainerId)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(ExportJobRepository::map)
                .list();
    }

    public long countForTrainer(long trainerId) {
        return jdbc.sql("select count(*) from export_job where trainer_id = :trainerId")
                .param("trainerId", trainerId)
                .query(Long.class)
                .single();
    }

    /**
     * The trainer's queued and running jobs, counted under a per-trainer lock held until the
     * transaction ends, so that concurrent requests cannot both pass a limit.
     */
    public int countActiveLocked(long trainerId) {
        jdbc.sql("select pg_advisory_xact_lock(:trainerId)")
                .param("trainerId", trainerId)
                .query()
                .listOfRows();
        return jdbc.sql(
                        "select count(*) from export_job where trainer_id = :trainerId and status in ('QUEUED', 'RUNNING')")
                .param("trainerId", trainerId)
                .query(Integer.class)
                .single();
    }

    /** The trainer's job created earlier with this idempotency key, with the hash of its request. */
    public Optional<IdempotentRequest> findByIdempotencyKey(long trainerId, String key) {
        return jdbc.sql("""
                select id, request_hash, created_at from export_job
                 where trainer_id = :trainerId and idempotency_key = :key""")
                .param("trainerId", trainerId)
                .param("key", key)
                .query((rs, n) -> new IdempotentRequest(
                        rs.getObject("id", UUID.class), rs.getString("request_hash"), instant(rs, "created_at")))
                .optional();
    }

    /** Frees a key whose retention ended so that it can name a new request. */
    public void forgetIdempotencyKey(UUID jobId) {
        jdbc.sql("update export_job set idempotency_key = null where id = :id")
                .param("id", jobId)
                .update();
    }

    /** QUEUED → RUNNING for this worker; false when another worker won or the job is not queued. */
    public boolean claim(UUID id, String workerId, Instant now) {
        JobStatus.QUEUED.requireMoveTo(JobStatus.RUNNING);
        return jdbc.sql("""
                update export_job
                   set status = 'RUNNING', worker_id = :workerId, started_at = :now, heartbeat_at = :now,
                       attempts = attempts + 1, rows_written = 0
                 where id = :id and status = 'QUEUED'""")
                        .param("id", id)
                        .param("workerId", workerId)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /**
     * Records progress and renews the attempt's lease.
     *
     * @return whether a cancel was requested; empty when the job is no longer this attempt's
     *         (deleted, or its lease was taken back)
     */
    public Optional<Boolean> recordProgress(UUID id, Holder holder, long rowsWritten, Instant now) {
        return held(
                        "update export_job set rows_written = :rows, heartbeat_at = :now",
                        id,
                        holder,
                        " returning cancel_requested")
                .param("rows", rowsWritten)
                .param("now", utc(now))
                .query(Boolean.class)
                .optional();
    }

    /** Remembers the multipart upload the attempt has open, so whoever takes the job back can abort it. */
    public void recordUpload(UUID id, Holder holder, String uploadId) {
        held("update export_job set upload_id = :uploadId", id, holder, "")
                .param("uploadId", uploadId)
                .update();
    }

    /**
     * Renews the leases of the jobs this worker's threads run now, and only those: a job whose
     * outcome could not be recorded is no longer run here, so its lease runs out and it is taken back.
     */
    public int heartbeat(String workerId, Collection<UUID> running, Instant now) {
        if (running.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                update export_job set heartbeat_at = :now
                 where status = 'RUNNING' and worker_id = :workerId and id in (:ids)""")
                .param("workerId", workerId)
                .param("ids", running)
                .param("now", utc(now))
                .update();
    }

    /** Running jobs whose worker stopped renewing the lease before {@code expiredBefore}. */
    public List<ExpiredLease> expiredLeases(Instant expiredBefore, int limit) {
        return jdbc.sql("""
                select id, worker_id, upload_id, attempts, cancel_requested from export_job
                 where status = 'RUNNING' and heartbeat_at < :before
                 order by heartbeat_at limit :limit""")
                .param("before", utc(expiredBefore))
                .param("limit", limit)
                .query((rs, n) -> new ExpiredLease(
                        rs.getObject("id", UUID.class),
                        rs.getString("worker_id"),
                        rs.getString("upload_id"),
                        rs.getInt("attempts"),
                        rs.getBoolean("cancel_requested")))
                .list();
    }

    /**
     * RUNNING → QUEUED: the worker gave the job back (shutdown, a database error) or lost its lease
     * (crash). False when {@code holder} no longer holds it or a cancel was asked for: a cancel wins.
     */
    public boolean requeue(UUID id, Holder holder) {
        JobStatus.RUNNING.requireMoveTo(JobStatus.QUEUED);
        return held("""
                update export_job
                   set status = 'QUEUED', worker_id = null, heartbeat_at = null, upload_id = null,
                       rows_written = 0, started_at = null""", id, holder, " and not cancel_requested").update() == 1;
    }

    /** RUNNING → SUCCEEDED; false when {@code holder} no longer holds the job or a cancel was asked for. */
    public boolean succeed(UUID id, Holder holder, JobResult result, Instant now) {
        JobStatus.RUNNING.requireMoveTo(JobStatus.SUCCEEDED);
        return held("""
                update export_job
                   set status = 'SUCCEEDED', finished_at = :now, heartbeat_at = null, upload_id = null,
                       rows_written = :rowCount, file_name = :fileName, object_key = :objectKey,
                       row_count = :rowCount, size_bytes = :sizeBytes, sha256 = :sha256,
                       content_type = :contentType""", id, holder, " and not cancel_requested")
                        .param("now", utc(now))
                        .param("fileName", result.fileName())
                        .param("objectKey", result.objectKey())
                        .param("rowCount", result.rowCount())
                        .param("sizeBytes", result.sizeBytes())
                        .param("sha256", result.sha256())
                        .param("contentType", result.contentType())
                        .update()
                == 1;
    }

    /** RUNNING → FAILED; false when {@code holder} no longer holds the job or a cancel was asked for. */
    public boolean fail(UUID id, Holder holder, JobError error, Instant now) {
        JobStatus.RUNNING.requireMoveTo(JobStatus.FAILED);
        return held("""
                update export_job
                   set status = 'FAILED', finished_at = :now, heartbeat_at = null, upload_id = null,
                       error_code = :code, error_message = :message""", id, holder, " and not cancel_requested")
                        .param("now", utc(now))
                        .param("code", error.code())
                        .param("message", error.message())
                        .update()
                == 1;
    }

    /** RUNNING → CANCELLED, as the trainer asked; false when {@code holder} no longer holds the job. */
    public boolean cancelRunning(UUID id, Holder holder, Instant now) {
        JobStatus.RUNNING.requireMoveTo(JobStatus.CANCELLED);
        return held("""
                update export_job set status = 'CANCELLED', finished_at = :now, heartbeat_at = null, upload_id = null""", id, holder, " and cancel_requested")
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /** An update of a running job whose {@code where} names its holder, then {@code tail}. */
    private JdbcClient.StatementSpec held(String update, UUID id, Holder holder, String tail) {
        JdbcClient.StatementSpec spec = jdbc.sql(update + holder.where() + tail)
                .param("id", id)
                .param("workerId", holder.workerId())
                .param("attempt", holder.attempt());
        return holder.expiredBefore() == null ? spec : spec.param("expiredBefore", utc(holder.expiredBefore()));
    }

    /** QUEUED → CANCELLED at once; false when the job is no longer queued. */
    public boolean cancelQueued(UUID id, Instant now) {
        JobStatus.QUEUED.requireMoveTo(JobStatus.CANCELLED);
        return jdbc.sql("""
                update export_job set status = 'CANCELLED', finished_at = :now, cancel_requested = true
                 where id = :id and status = 'QUEUED'""").param("id", id).param("now", utc(now)).update() == 1;
    }

    /** Asks the worker running the job to stop; false when the job is not running. */
    public boolean requestCancel(UUID id) {
        return jdbc.sql("update export_job set cancel_requested = true where id = :id and status = 'RUNNING'")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Succeeded jobs that finished before {@code before}: their files' retention is over. */
    public List<ExportJob> succeededBefore(Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from export_job where status = 'SUCCEEDED' and finished_at < :before"
                        + " order by finished_at limit :limit")
                .param("before", utc(before))
                .param("limit", limit)
                .query(ExportJobRepository::map)
                .list();
    }

    /** SUCCEEDED → EXPIRED once the file is removed; the result metadata stays. */
    public boolean expire(UUID id) {
        JobStatus.SUCCEEDED.requireMoveTo(JobStatus.EXPIRED);
        return jdbc.sql("update export_job set status = 'EXPIRED' where id = :id and status = 'SUCCEEDED'")
                        .param("id", id)
                        .update()
                == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from export_job where id = :id").param("id", id).update() == 1;
    }

    /**
     * Deletes the job; returns the key of the file it referenced, read in the same statement, so a
     * worker that records its file at that very moment either lands it before the delete (and the
     * key is returned) or finds no row (and removes its file itself).
     */
    public Optional<String> deleteReturningObjectKey(UUID id) {
        return jdbc
                .sql("delete from export_job where id = :id returning object_key")
                .param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString("object_key")))
                .list()
                .stream()
                .findFirst()
                .flatMap(key -> key);
    }

    static ExportJob map(ResultSet rs, int rowNum) throws SQLException {
        JobStatus status = JobStatus.valueOf(rs.getString("status"));
        String fileName = rs.getString("file_name");
        JobResult result = fileName == null
                ? null
                : new JobResult(
                        fileName,
                        rs.getString("object_key"),
                        rs.getLong("row_count"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        rs.getString("content_type"));
        String errorCode = rs.getString("error_code");
        JobError error = errorCode == null ? null : new JobError(errorCode, rs.getString("error_message"));
        return new ExportJob(
                rs.getObject("id", UUID.class),
                rs.getLong("trainer_id"),
                Dataset.byId(rs.getString("dataset")).orElseThrow(),
                rs.getObject("days", Integer.class),
                rs.getBoolean("notify"),
                status,
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getLong("rows_written"),
                rs.getObject("estimated_rows", Long.class),
                rs.getBoolean("cancel_requested"),
                rs.getInt("attempts"),
                result,
                error,
                Compression.byId(rs.getString("compression")).orElse(null),
                Lane.byId(rs.getString("lane")),
                ExportOptions.fromJson(rs.getString("options")));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A running job whose worker stopped renewing its lease. */
    public record ExpiredLease(UUID id, String workerId, String uploadId, int attempts, boolean cancelRequested) {}

    /** An earlier request made with an idempotency key. */
    public record IdempotentRequest(UUID jobId, String requestHash, Instant createdAt) {}
}
