package com.coaching.exports.worker.mail;

import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.source.SourceDatabase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code export_mail} table: one mail per notified job, sent apart from the export. */
@Repository
public class MailOutbox {

    private final JdbcClient jdbc;
    private final SourceDatabase source;

    MailOutbox(JdbcClient jdbc, SourceDatabase source) {
        this.jdbc = jdbc;
        this.source = source;
    }

    /**
     * Records that the trainer is to be told how the job ended; call in the transaction that ends
     * it. A job gets one row at most, to the trainer's address in the platform's {@code users}
     * (read from the source database, which may be another one); none when the trainer has none.
     */
    public void enqueue(UUID jobId, long trainerId, JobStatus outcome, Instant now) {
        Optional<String> email = source.jdbc()
                .sql("select email from users where id = :trainerId")
                .param("trainerId", trainerId)
                .query(String.class)
                .optional();
        if (email.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into export_mail (job_id, outcome, recipient, created_at, next_attempt_at)
                values (:jobId, :outcome, :recipient, :now, :now)
                on conflict (job_id) do nothing""")
                .param("jobId", jobId)
                .param("outcome", outcome.name())
                .param("recipient", email.get())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Claims mails whose time to be sent (again) has come, until {@code claimUntil}: another worker
     * takes them only after that, should this one die before it marks them sent.
     * The rows are picked in a materialized CTE, run once: a subquery may be run again, and
     * with {@code skip locked} each run takes other rows, so a claim could take more than its limit.
     */
    List<PendingMail> claimDue(Instant now, Instant claimUntil, int limit) {
        return jdbc.sql("""
                with due as materialized (
                    select job_id from export_mail
                     where sent_at is null and next_attempt_at <= :now
                     order by next_attempt_at limit :limit
                       for update skip locked)
                update export_mail m set next_attempt_at = :claimUntil
                  from due
                 where m.job_id = due.job_id
                returning m.job_id, m.outcome, m.recipient, m.attempts""")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("claimUntil", claimUntil.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, n) -> new PendingMail(
                        rs.getObject("job_id", UUID.class),
                        JobStatus.valueOf(rs.getString("outcome")),
                        rs.getString("recipient"),
                        rs.getInt("attempts")))
                .list();
    }

    /** Marks the mail sent; false when another worker marked it first. */
    boolean markSent(UUID jobId, Instant now) {
        return jdbc.sql(
                                "update export_mail set sent_at = :now, attempts = attempts + 1 where job_id = :jobId and sent_at is null")
                        .param("jobId", jobId)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    void retryLater(UUID jobId, Instant nextAttempt, @Nullable String error) {
        jdbc.sql("""
                update export_mail set attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                 where job_id = :jobId and sent_at is null""")
                .param("jobId", jobId)
                .param("next", nextAttempt.atOffset(ZoneOffset.UTC))
                .param("error", error)
                .update();
    }

    /** A mail waiting to be sent. */
    record PendingMail(UUID jobId, JobStatus outcome, String recipient, int attempts) {}
}
