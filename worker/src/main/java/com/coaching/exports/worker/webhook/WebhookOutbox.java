package com.coaching.exports.worker.webhook;

import static com.coaching.exports.shared.job.ExportJobRows.instant;
import static com.coaching.exports.shared.job.ExportJobRows.requiredInstant;
import static com.coaching.exports.shared.job.ExportJobRows.utc;

import com.coaching.exports.shared.webhook.WebhookTries;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's side of the webhook tables: claiming due deliveries, recording each try and its
 * outcome, disabling an endpoint that keeps failing.
 */
@Repository
class WebhookOutbox {

    private final JdbcClient jdbc;

    WebhookOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims deliveries due to enabled endpoints until {@code leaseUntil}: their next try moves to
     * then, so another worker takes one only if this one has not recorded its try by that time
     * (it died sending), and then sends it with the same id.
     *
     * <p>At most {@code perEndpoint} deliveries of one endpoint are in flight (leased) at once, counted
     * in the rows so that it holds across workers: an endpoint's oldest due events are taken, up to what
     * its leases leave, so a silent endpoint holds one sender at most and never delays another's events.
     * The rows are picked in a materialized CTE, run once: a subquery may be run again, and with {@code
     * skip locked} each run takes other rows, so a claim could take more than its limit. A row locked or
     * leased by another worker meanwhile is skipped (the lock's recheck sees its new next try).
     */
    List<Due> claim(Instant now, Instant leaseUntil, int perEndpoint, int limit) {
        return jdbc.sql("""
                with in_flight as (
                    select webhook_id, count(*) as sending from export_webhook_delivery
                     where leased_until > :now and delivered_at is null and abandoned_at is null
                     group by webhook_id),
                ranked as (
                    select d.id, d.webhook_id,
                           row_number() over (partition by d.webhook_id order by d.next_attempt_at, d.created_at, d.id) as place
                      from export_webhook_delivery d
                      join export_webhook e on e.id = d.webhook_id and e.disabled_at is null
                     where d.delivered_at is null and d.abandoned_at is null and d.next_attempt_at <= :now),
                due as materialized (
                    select d.id from export_webhook_delivery d
                      join ranked r on r.id = d.id
                      left join in_flight f on f.webhook_id = r.webhook_id
                     where r.place <= :perEndpoint - coalesce(f.sending, 0)
                       and d.delivered_at is null and d.abandoned_at is null and d.next_attempt_at <= :now
                     order by d.next_attempt_at, d.id
                     limit :limit
                       for update of d skip locked)
                update export_webhook_delivery d set next_attempt_at = :leaseUntil, leased_until = :leaseUntil
                  from due, export_webhook w
                 where d.id = due.id and w.id = d.webhook_id
                returning d.id, d.webhook_id, d.job_id, d.event_type, d.created_at, d.attempts, w.url, w.secret""")
                .param("now", utc(now))
                .param("leaseUntil", utc(leaseUntil))
                .param("perEndpoint", perEndpoint)
                .param("limit", limit)
                .query((rs, n) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getObject("webhook_id", UUID.class),
                        rs.getObject("job_id", UUID.class),
                        rs.getString("event_type"),
                        requiredInstant(rs, "created_at"),
                        rs.getInt("attempts"),
                        rs.getString("url"),
                        rs.getString("secret")))
                .list();
    }

    /** Gives claimed deliveries back, due at {@code now}, when no sender could start them. */
    void giveBack(List<Due> claimed, Instant now) {
        jdbc.sql("""
                update export_webhook_delivery set next_attempt_at = :now, leased_until = null
                 where id = any(:ids) and delivered_at is null and abandoned_at is null""")
                .param("ids", claimed.stream().map(Due::id).toArray(UUID[]::new))
                .param("now", utc(now))
                .update();
    }

    /** Records a try for the endpoint's list, keeping its last {@value WebhookTries#KEPT}. */
    void recordAttempt(Due due, Attempt attempt) {
        jdbc.sql("""
                insert into export_webhook_attempt (webhook_id, delivery_id, event_type, at, status_code, error, duration_ms)
                values (:webhookId, :deliveryId, :event, :at, :status, :error, :ms)""")
                .param("webhookId", due.webhookId())
                .param("deliveryId", due.id())
                .param("event", due.eventType())
                .param("at", utc(attempt.at()))
                .param("status", attempt.outcome().statusCode())
                .param("error", attempt.outcome().error())
                .param("ms", attempt.durationMs())
                .update();
        jdbc.sql("""
                delete from export_webhook_attempt
                 where webhook_id = :webhookId
                   and id < (select min(id) from (select id from export_webhook_attempt where webhook_id = :webhookId
                                                  order by id desc limit :kept) as kept)""")
                .param("webhookId", due.webhookId())
                .param("kept", WebhookTries.KEPT)
                .update();
    }

    /** The event arrived: no more tries, and the endpoint is no longer failing. */
    void delivered(Due due, Instant now) {
        jdbc.sql("""
                update export_webhook_delivery set delivered_at = :now, attempts = attempts + 1, leased_until = null
                 where id = :id and delivered_at is null""").param("id", due.id()).param("now", utc(now)).update();
        jdbc.sql("update export_webhook set failing_since = null where id = :id")
                .param("id", due.webhookId())
                .update();
    }

    /** The try failed: the next one at {@code next}, or none ({@code null}: the schedule ran out). */
    void failed(Due due, Instant now, @Nullable Instant next) {
        jdbc.sql("""
                update export_webhook_delivery
                   set attempts = attempts + 1, leased_until = null, next_attempt_at = coalesce(cast(:next as timestamptz), next_attempt_at),
                       abandoned_at = case when cast(:next as timestamptz) is null then :now end
                 where id = :id and delivered_at is null""")
                .param("id", due.id())
                .param("now", utc(now))
                .param("next", next == null ? null : utc(next))
                .update();
    }

    /**
     * The endpoint's failure streak as its rows hold it, its row locked until the transaction ends so
     * that two failures of one endpoint are judged one after the other; empty when it was deleted.
     */
    Optional<FailureStreak> streak(UUID webhookId) {
        return jdbc.sql("""
                select w.failing_since,
                       exists (select 1 from export_webhook_delivery d
                                where d.webhook_id = w.id and d.delivered_at is null and d.abandoned_at is null) as owes
                  from export_webhook w where w.id = :id
                   for update of w""")
                .param("id", webhookId)
                .query((rs, n) -> new FailureStreak(instant(rs, "failing_since"), rs.getBoolean("owes")))
                .optional();
    }

    /** Records since when the endpoint has been failing ({@code null}: it is not). */
    void failingSince(UUID webhookId, @Nullable Instant since) {
        jdbc.sql("update export_webhook set failing_since = :since where id = :id")
                .param("id", webhookId)
                .param("since", since == null ? null : utc(since))
                .update();
    }

    /** Disables the endpoint and gives up its pending events; false when it was disabled (or deleted) already. */
    boolean disable(UUID webhookId, Instant now) {
        boolean disabled =
                jdbc.sql("update export_webhook set disabled_at = :now where id = :id and disabled_at is null")
                                .param("id", webhookId)
                                .param("now", utc(now))
                                .update()
                        == 1;
        if (disabled) {
            jdbc.sql("""
                    update export_webhook_delivery set abandoned_at = :now
                     where webhook_id = :id and delivered_at is null and abandoned_at is null""").param("id", webhookId).param("now", utc(now)).update();
        }
        return disabled;
    }

    /** Removes up to {@code limit} deliveries delivered or given up before {@code before}; returns how many. */
    int forgetFinished(Instant before, int limit) {
        return jdbc.sql("""
                delete from export_webhook_delivery
                 where id in (select id from export_webhook_delivery
                               where (delivered_at is not null or abandoned_at is not null)
                                 and coalesce(delivered_at, abandoned_at) < :before
                               limit :limit)""").param("before", utc(before)).param("limit", limit).update();
    }

    /**
     * Claims one disabled endpoint whose trainer has not been told yet, marking it told; the caller
     * clears the mark ({@link #mailFailed}) when the mail could not be sent.
     */
    Optional<Disabled> claimDisabledToMail(Instant now) {
        return jdbc.sql("""
                update export_webhook set disabled_mailed_at = :now
                 where id = (select id from export_webhook
                              where disabled_at is not null and disabled_mailed_at is null
                              order by disabled_at limit 1 for update skip locked)
                returning id, trainer_id, url, disabled_at, failing_since""")
                .param("now", utc(now))
                .query((rs, n) -> new Disabled(
                        rs.getObject("id", UUID.class),
                        rs.getLong("trainer_id"),
                        rs.getString("url"),
                        instant(rs, "failing_since"),
                        requiredInstant(rs, "disabled_at")))
                .optional();
    }

    void mailFailed(UUID webhookId) {
        jdbc.sql("update export_webhook set disabled_mailed_at = null where id = :id")
                .param("id", webhookId)
                .update();
    }

    /** A delivery claimed for one try, with what it takes to send it. */
    record Due(
            UUID id,
            UUID webhookId,
            UUID jobId,
            String eventType,
            Instant createdAt,
            int attempts,
            String url,
            String secret) {

        @Override
        public String toString() {
            return "Due[id=" + id + ", webhook=" + webhookId + ", event=" + eventType + "]"; // never the secret
        }
    }

    /** One try: when, how it went, how long it took. */
    record Attempt(Instant at, DeliveryOutcome outcome, long durationMs) {

        boolean succeeded() {
            return outcome.succeeded();
        }
    }

    /** An endpoint disabled after failing, whose trainer is to be told. */
    record Disabled(
            UUID id, long trainerId, String url, @Nullable Instant failingSince, Instant disabledAt) {}
}
