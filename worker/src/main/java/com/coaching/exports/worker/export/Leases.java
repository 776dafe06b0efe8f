package com.coaching.exports.worker.export;

import static com.coaching.exports.shared.job.ExportJobRows.utc;

import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobChanges;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's side of {@code export_job}: a running job's lease (its heartbeat), its progress and
 * its open upload, and the leases that ran out. None of these moves the job; {@link
 * com.coaching.exports.shared.job.JobTransitions} does.
 */
@Repository
public class Leases {

    private final JdbcClient jdbc;

    public Leases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records progress and renews the attempt's lease; bumps the job's version and tells the API's
     * event streams, at commit ({@link JobChanges}), as the row count is part of the job's JSON.
     *
     * @return whether a cancel was requested; empty when the job is no longer this attempt's
     *         (deleted, or requeued by the lease sweeper)
     */
    public Optional<Boolean> recordProgress(UUID id, Holder holder, long rowsWritten, Instant now) {
        return held(
                        "update export_job set rows_written = :rows, heartbeat_at = :now, version = version + 1",
                        id,
                        holder,
                        " returning cancel_requested, " + JobChanges.NOTIFY)
                .param("rows", rowsWritten)
                .param("now", utc(now))
                .query((rs, n) -> rs.getBoolean("cancel_requested"))
                .optional();
    }

    /** Remembers the multipart upload the attempt has open, so whoever requeues the job can abort it. */
    public void recordUpload(UUID id, Holder holder, String uploadId) {
        held("update export_job set upload_id = :uploadId", id, holder, "")
                .param("uploadId", uploadId)
                .update();
    }

    /**
     * Renews the leases of the jobs this worker's threads run now, and only those: a job whose
     * outcome could not be recorded is no longer run here, so its lease runs out and the lease
     * sweeper requeues it.
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

    /** An update of a running job whose {@code where} names its holder, then {@code tail}. */
    private JdbcClient.StatementSpec held(String update, UUID id, Holder holder, String tail) {
        return holder.bind(jdbc.sql(update + " where id = :id and status = 'RUNNING'" + holder.condition() + tail)
                .param("id", id));
    }

    /** A running job whose worker stopped renewing its lease. */
    public record ExpiredLease(UUID id, String workerId, String uploadId, int attempts, boolean cancelRequested) {}
}
