package com.coaching.exports.shared.messaging;

import com.coaching.exports.shared.job.Lane;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
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
                insert into export_outbox (job_id, created_at) values (:jobId, :now)
                on conflict (job_id) do nothing""")
                .param("jobId", jobId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The broker confirmed the message. */
    public void remove(UUID jobId) {
        jdbc.sql("delete from export_outbox where job_id = :jobId").param("jobId", jobId).update();
    }

    /** Entries written before {@code before}, oldest first: their first publish was not confirmed. */
    public List<Pending> due(Instant before, int limit) {
        return jdbc.sql("""
                select o.job_id, j.lane from export_outbox o join export_job j on j.id = o.job_id
                 where o.created_at < :before
                 order by o.created_at limit :limit""")
                .param("before", before.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, n) -> new Pending(rs.getObject("job_id", UUID.class), Lane.byId(rs.getString("lane"))))
                .list();
    }

    /** A job whose message is still to be confirmed, and its lane. */
    public record Pending(UUID jobId, Lane lane) {
    }

    public void recordFailure(UUID jobId, String error) {
        jdbc.sql("update export_outbox set attempts = attempts + 1, last_error = :error where job_id = :jobId")
                .param("jobId", jobId)
                .param("error", error)
                .update();
    }
}
