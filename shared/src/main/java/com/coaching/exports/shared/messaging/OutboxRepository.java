package com.coaching.exports.shared.messaging;

import com.coaching.exports.shared.job.Lane;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code export_outbox} table: jobs whose message the broker has not confirmed yet. */
@Repository
public class OutboxRepository {

    private final JdbcClient jdbc;

    public OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that the job's message is to be published; call in the transaction that writes the job. */
    public void add(UUID jobId, Instant now) {
        jdbc.sql("""
                insert into export_outbox (job_id, created_at, next_attempt_at) values (:jobId, :now, :now)
                on conflict (job_id) do nothing""")
                .param("jobId", jobId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Records that the job's message is to be published at {@code due} and not before (a job waiting
     * for a dependency); replaces an entry still there, whose message would come too early.
     */
    public void addDueAt(UUID jobId, Instant now, Instant due) {
        jdbc.sql("""
                insert into export_outbox (job_id, created_at, next_attempt_at) values (:jobId, :now, :due)
                on conflict (job_id) do update set next_attempt_at = excluded.next_attempt_at, attempts = 0""")
                .param("jobId", jobId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("due", due.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The broker confirmed the jobs' messages: their entries go, and the jobs remember when. */
    public void remove(List<UUID> jobIds) {
        jdbc.sql("""
                with confirmed as (delete from export_outbox where job_id = any(:jobIds))
                update export_job set published_at = now() where id = any(:jobIds)""").param("jobIds", jobIds.toArray(UUID[]::new)).update();
    }

    /**
     * Takes the entries due before {@code before}, oldest first, counts the try and leases each until
     * {@code claimUntil} (the longest a sweep waits for its confirms); the sweep then sets its next try
     * ({@link #retryAt}) unless the broker confirmed it. Rows locked by another instance's sweep are
     * skipped. The rows are picked in a materialized CTE, run once: a subquery may be run again, and
     * with {@code skip locked} each run takes other rows, so a claim could take more than its limit.
     */
    public List<Pending> takeDue(Instant before, Instant claimUntil, int limit) {
        return jdbc.sql("""
                with due as materialized (
                    select job_id from export_outbox where next_attempt_at < :before
                     order by next_attempt_at limit :limit for update skip locked)
                update export_outbox o
                   set next_attempt_at = :claimUntil, attempts = o.attempts + 1
                  from due, export_job j
                 where o.job_id = due.job_id and j.id = o.job_id
                returning o.job_id, j.lane, o.attempts, j.traceparent""")
                .param("before", before.atOffset(ZoneOffset.UTC))
                .param("claimUntil", claimUntil.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, n) -> new Pending(
                        rs.getObject("job_id", UUID.class),
                        Lane.byId(rs.getString("lane")),
                        rs.getInt("attempts"),
                        rs.getString("traceparent")))
                .list();
    }

    /** The message was not confirmed: the entry is due again at {@code next}, if it is still there. */
    public void retryAt(UUID jobId, Instant next) {
        jdbc.sql("update export_outbox set next_attempt_at = :next where job_id = :jobId")
                .param("jobId", jobId)
                .param("next", next.atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Gives every job QUEUED whose message was last confirmed before {@code before}, and that has
     * no outbox entry, a new one: its message may be gone (dead-lettered after too many
     * redeliveries while the database was away). A duplicate message is harmless, a lost one is not.
     * A job waiting for a dependency is published again at its {@code retry_at}, not before.
     *
     * @return how many jobs were put back in the outbox
     */
    public int addUnpublishedSince(Instant before, Instant now) {
        return jdbc.sql("""
                insert into export_outbox (job_id, created_at, next_attempt_at)
                select j.id, :now, greatest(:now, j.retry_at) from export_job j
                 where j.status = 'QUEUED' and coalesce(j.published_at, j.created_at) < :before
                   and not exists (select 1 from export_outbox o where o.job_id = j.id)
                on conflict (job_id) do nothing""")
                .param("before", before.atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** A job whose message is still to be confirmed, its lane, its tries with this one, and its trace. */
    public record Pending(
            UUID jobId, Lane lane, int attempts, @Nullable String traceparent) {}

    public void recordFailure(UUID jobId, String error) {
        jdbc.sql("update export_outbox set last_error = :error where job_id = :jobId")
                .param("jobId", jobId)
                .param("error", error)
                .update();
    }
}
