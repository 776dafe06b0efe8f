package com.coaching.exports.worker.delivery;

import static com.coaching.exports.shared.job.ExportJobRows.requiredInstant;
import static com.coaching.exports.shared.job.ExportJobRows.utc;

import com.coaching.exports.shared.job.JobChanges;
import com.coaching.exports.shared.job.WebhookEvents;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's side of {@code export_delivery}: claiming due deliveries and recording each try. A
 * recorded outcome bumps the job's version and notifies the API's event streams, so a follower sees
 * the delivery change as it sees a move; the final one queues its webhook event in the same
 * transaction.
 */
@Repository
class DeliveryOutbox {

    private final JdbcClient jdbc;

    DeliveryOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code limit} pending deliveries due at {@code now}, their next try moved to {@code
     * leaseUntil}: another worker takes one only if this one has not recorded its try by then (it died).
     * Picked in a materialized CTE with {@code skip locked}, run once.
     */
    List<Due> claim(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                with due as materialized (
                    select job_id from export_delivery
                     where status = 'PENDING' and next_attempt_at <= :now
                     order by next_attempt_at, job_id
                     limit :limit
                       for update skip locked)
                update export_delivery d set next_attempt_at = :leaseUntil
                  from due where d.job_id = due.job_id
                returning d.job_id, d.destination_id, d.created_at, d.attempts""")
                .param("now", utc(now))
                .param("leaseUntil", utc(leaseUntil))
                .param("limit", limit)
                .query((rs, n) -> new Due(
                        rs.getObject("job_id", UUID.class),
                        rs.getObject("destination_id", UUID.class),
                        requiredInstant(rs, "created_at"),
                        rs.getInt("attempts")))
                .list();
    }

    /** The file is there: no more tries, and the trainer's endpoints are told. */
    void delivered(Due due, String location, Instant now) {
        int updated = jdbc.sql("""
                update export_delivery
                   set status = 'DELIVERED', location = :location, finished_at = :now, attempts = attempts + 1,
                       error_code = null, error_message = null
                 where job_id = :jobId and status = 'PENDING'""")
                .param("jobId", due.jobId())
                .param("location", location)
                .param("now", utc(now))
                .update();
        if (updated == 1) {
            told(due, WebhookEvents.DELIVERED, now);
        }
    }

    /** The try failed: the next one at {@code next}; the failure shows until then. */
    void failed(Due due, String code, String message, Instant now, Instant next) {
        jdbc.sql("""
                update export_delivery
                   set attempts = attempts + 1, next_attempt_at = :next, error_code = :code, error_message = :message
                 where job_id = :jobId and status = 'PENDING'""")
                .param("jobId", due.jobId())
                .param("code", code)
                .param("message", message)
                .param("next", utc(next))
                .update();
        changed(due);
    }

    /** No more tries: the delivery is FAILED with its last failure, and the trainer's endpoints are told. */
    void gaveUp(Due due, String code, String message, Instant now) {
        int updated = jdbc.sql("""
                update export_delivery
                   set status = 'FAILED', finished_at = :now, attempts = attempts + 1,
                       error_code = :code, error_message = :message
                 where job_id = :jobId and status = 'PENDING'""")
                .param("jobId", due.jobId())
                .param("code", code)
                .param("message", message)
                .param("now", utc(now))
                .update();
        if (updated == 1) {
            told(due, WebhookEvents.DELIVERY_FAILED, now);
        }
    }

    private void told(Due due, String event, Instant now) {
        jdbc.sql(WebhookEvents.forJob(event))
                .param("jobId", due.jobId())
                .param("at", utc(now))
                .query()
                .listOfRows();
        changed(due);
    }

    /** The job's version bumped, and the event streams told, as a move does. */
    private void changed(Due due) {
        jdbc.sql("with bumped as (update export_job set version = version + 1 where id = :jobId returning id, version)"
                        + " select " + JobChanges.NOTIFY + " from bumped")
                .param("jobId", due.jobId())
                .query()
                .listOfRows();
    }

    /** A delivery claimed for one try. */
    record Due(UUID jobId, UUID destinationId, Instant createdAt, int attempts) {}

    /** What one try yields: where the file went, or why it did not. */
    record Try(
            @Nullable String location,
            @Nullable String code,
            @Nullable String message) {

        static Try delivered(String location) {
            return new Try(location, null, null);
        }

        static Try failed(String code, String message) {
            return new Try(null, code, message);
        }

        String where() {
            return Objects.requireNonNull(location, "only a delivered try has a location");
        }

        String errorCode() {
            return Objects.requireNonNull(code, "only a failed try has a code");
        }

        String reason() {
            return Objects.requireNonNull(message, "only a failed try has a message");
        }
    }
}
