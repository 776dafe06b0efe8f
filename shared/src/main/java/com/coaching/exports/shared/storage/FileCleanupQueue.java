package com.coaching.exports.shared.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code export_file_cleanup} table: files and multipart uploads to remove that no job
 * references any more, kept until the store confirmed their removal.
 */
@Repository
public class FileCleanupQueue {

    private final JdbcClient jdbc;

    FileCleanupQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a file (with {@code uploadId}: an unfinished upload) to remove from
     * {@code nextAttempt} on; returns its entry's id.
     */
    public long add(
            String objectKey, @Nullable String uploadId, Instant now, Instant nextAttempt, @Nullable String error) {
        return jdbc.sql("""
                insert into export_file_cleanup (object_key, upload_id, created_at, next_attempt_at, last_error)
                values (:key, :uploadId, :now, :next, :error) returning id""")
                .param("key", objectKey)
                .param("uploadId", uploadId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("next", nextAttempt.atOffset(ZoneOffset.UTC))
                .param("error", error)
                .query(Long.class)
                .single();
    }

    /**
     * Claims entries whose time to be tried (again) has come, until {@code claimUntil}: another
     * worker takes them only after that, should this one die meanwhile.
     * The rows are picked in a materialized CTE, run once: a subquery may be run again, and
     * with {@code skip locked} each run takes other rows, so a claim could take more than its limit.
     */
    public List<PendingCleanup> claimDue(Instant now, Instant claimUntil, int limit) {
        return jdbc.sql("""
                with due as materialized (
                    select id from export_file_cleanup
                     where next_attempt_at <= :now
                     order by next_attempt_at limit :limit
                       for update skip locked)
                update export_file_cleanup c set next_attempt_at = :claimUntil
                  from due
                 where c.id = due.id
                returning c.id, c.object_key, c.upload_id, c.attempts""")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("claimUntil", claimUntil.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, n) -> new PendingCleanup(
                        rs.getLong("id"), rs.getString("object_key"), rs.getString("upload_id"), rs.getInt("attempts")))
                .list();
    }

    /** The store confirmed the removal. */
    public void done(long id) {
        jdbc.sql("delete from export_file_cleanup where id = :id")
                .param("id", id)
                .update();
    }

    public void retryLater(long id, Instant nextAttempt, @Nullable String error) {
        jdbc.sql("""
                update export_file_cleanup set attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                 where id = :id""")
                .param("id", id)
                .param("next", nextAttempt.atOffset(ZoneOffset.UTC))
                .param("error", error)
                .update();
    }

    /** A removal waiting to be (re)tried; {@code uploadId} set for an unfinished upload to abort. */
    public record PendingCleanup(
            long id, String objectKey, @Nullable String uploadId, int attempts) {}
}
