package com.coaching.exports.api.webhook;

import static com.coaching.exports.shared.job.ExportJobRows.instant;
import static com.coaching.exports.shared.job.ExportJobRows.requiredInstant;

import com.coaching.exports.shared.job.WebhookEvents;
import com.coaching.exports.shared.webhook.WebhookTries;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The trainer's side of {@code export_webhook}: their endpoints, their deliveries' tries, test events. */
@Repository
class TrainerWebhooks {

    private static final String COLUMNS = "id, url, events, created_at, disabled_at";
    /** The window test events are counted in. */
    static final Duration TEST_WINDOW = Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    TrainerWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the endpoint unless the trainer has {@code max} already, counted under a per-trainer
     * lock held until the transaction ends, so that concurrent requests cannot both pass the limit. The
     * lock is the webhooks' own (as the schedules have theirs): an export being created meanwhile does
     * not wait for it.
     */
    @Transactional
    boolean createWithin(int max, long trainerId, UUID id, WebhookRequest.Valid request, String secret, Instant now) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('export_webhook:' || :trainerId, 0))")
                .param("trainerId", trainerId)
                .query()
                .listOfRows();
        int count = jdbc.sql("select count(*) from export_webhook where trainer_id = :trainerId")
                .param("trainerId", trainerId)
                .query(Integer.class)
                .single();
        if (count >= max) {
            return false;
        }
        jdbc.sql("""
                insert into export_webhook (id, trainer_id, url, events, secret, created_at)
                values (:id, :trainerId, :url, cast(:events as text[]), :secret, :now)""")
                .param("id", id)
                .param("trainerId", trainerId)
                .param("url", request.url())
                // an array literal: the events are the known names, never anything that needs quoting
                .param("events", "{" + String.join(",", request.events()) + "}")
                .param("secret", secret)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return true;
    }

    /** The trainer's endpoints, oldest first. */
    List<WebhookView> list(long trainerId) {
        return jdbc.sql("select " + COLUMNS
                        + " from export_webhook where trainer_id = :trainerId order by created_at, id")
                .param("trainerId", trainerId)
                .query((rs, n) -> view(rs))
                .list();
    }

    /** The endpoint if it is the trainer's; another trainer's is as absent as an unknown one. */
    Optional<WebhookView> find(long trainerId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from export_webhook where id = :id and trainer_id = :trainerId")
                .param("id", id)
                .param("trainerId", trainerId)
                .query((rs, n) -> view(rs))
                .optional();
    }

    /** Removes the endpoint with its pending deliveries and tries; false when it is not the trainer's. */
    boolean delete(long trainerId, UUID id) {
        return jdbc.sql("delete from export_webhook where id = :id and trainer_id = :trainerId")
                        .param("id", id)
                        .param("trainerId", trainerId)
                        .update()
                == 1;
    }

    /** The endpoint's last tries, newest first. */
    List<DeliveryAttempt> attempts(UUID webhookId) {
        return jdbc.sql("""
                select delivery_id, event_type, at, status_code, error, duration_ms from export_webhook_attempt
                 where webhook_id = :id order by id desc limit :limit""")
                .param("id", webhookId)
                .param("limit", WebhookTries.KEPT)
                .query((rs, n) -> new DeliveryAttempt(
                        rs.getObject("delivery_id", UUID.class),
                        rs.getString("event_type"),
                        requiredInstant(rs, "at"),
                        rs.getObject("status_code", Integer.class),
                        rs.getString("error"),
                        rs.getLong("duration_ms")))
                .list();
    }

    /**
     * Queues a {@code webhook.test} event for the endpoint, due at once, unless it was sent {@code
     * perMinute} of them in the minute before {@code now}: then it says when the oldest of those leaves
     * the minute. Counted under the endpoint's row lock, so concurrent requests (on any API instance)
     * cannot both pass the limit.
     */
    @Transactional
    TestQueued queueTestWithin(int perMinute, UUID webhookId, Instant now) {
        jdbc.sql("select id from export_webhook where id = :id for update")
                .param("id", webhookId)
                .query()
                .listOfRows();
        Optional<Instant> limiting = jdbc.sql("""
                select created_at from export_webhook_delivery
                 where webhook_id = :id and event_type = :event and created_at > :since
                 order by created_at desc
                 offset :limit - 1 limit 1""")
                .param("id", webhookId)
                .param("event", WebhookEvents.TEST)
                .param("since", now.minus(TEST_WINDOW).atOffset(ZoneOffset.UTC))
                .param("limit", perMinute)
                .query((rs, n) -> requiredInstant(rs, "created_at"))
                .optional();
        if (limiting.isPresent()) {
            Duration wait = Duration.between(now, limiting.get().plus(TEST_WINDOW));
            // whole seconds, rounded up: a client that waits that long finds a place free
            return new TestQueued.Limited(Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        UUID deliveryId = UUID.randomUUID();
        jdbc.sql("""
                insert into export_webhook_delivery (id, webhook_id, event_type, created_at, next_attempt_at)
                values (:id, :webhookId, :event, :now, :now)""")
                .param("id", deliveryId)
                .param("webhookId", webhookId)
                .param("event", WebhookEvents.TEST)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return new TestQueued.Queued(deliveryId);
    }

    /** What became of a test event asked for: queued, or refused for the endpoint had its share of the minute. */
    sealed interface TestQueued {

        record Queued(UUID messageId) implements TestQueued {}

        record Limited(long retryAfterSeconds) implements TestQueued {}
    }

    private static WebhookView view(ResultSet rs) throws SQLException {
        return new WebhookView(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                events(rs.getArray("events")),
                requiredInstant(rs, "created_at"),
                instant(rs, "disabled_at"));
    }

    private static List<String> events(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
