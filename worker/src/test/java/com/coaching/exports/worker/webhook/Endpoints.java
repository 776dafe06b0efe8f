package com.coaching.exports.worker.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registers endpoints as the API does (its rows), and reads what the worker recorded of them. */
@TestComponent
class Endpoints {

    private final JdbcClient jdbc;

    Endpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A trainer's endpoint for the events; returns it with its secret. */
    Endpoint register(long trainerId, String url, String... events) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Endpoint endpoint =
                new Endpoint(UUID.randomUUID(), "whsec_" + Base64.getEncoder().encodeToString(key));
        jdbc.sql("""
                insert into export_webhook (id, trainer_id, url, events, secret, created_at)
                values (:id, :trainerId, :url, cast(:events as text[]), :secret, :now)""")
                .param("id", endpoint.id())
                .param("trainerId", trainerId)
                .param("url", url)
                .param("events", "{" + String.join(",", events) + "}")
                .param("secret", endpoint.secret())
                .param("now", Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        return endpoint;
    }

    /** The endpoint's tries, oldest first: status code (or null) and error (or null). */
    List<Map<String, Object>> attempts(UUID webhookId) {
        return jdbc.sql("""
                select delivery_id, event_type, status_code, error from export_webhook_attempt
                 where webhook_id = :id order by id""").param("id", webhookId).query().listOfRows();
    }

    /** The endpoint's deliveries: one row per event. */
    List<Map<String, Object>> deliveries(UUID webhookId) {
        return jdbc.sql("""
                select id, event_type, job_id, attempts, delivered_at, abandoned_at from export_webhook_delivery
                 where webhook_id = :id order by created_at""").param("id", webhookId).query().listOfRows();
    }

    /**
     * A delivery of a test event made {@code createdAt}, delivered or given up at the time given (null:
     * still owed, next tried in an hour).
     */
    UUID delivery(UUID webhookId, Instant createdAt, Instant deliveredAt, Instant abandonedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into export_webhook_delivery
                       (id, webhook_id, event_type, created_at, next_attempt_at, delivered_at, abandoned_at)
                values (:id, :webhookId, 'webhook.test', :createdAt, :next, :deliveredAt, :abandonedAt)""")
                .param("id", id)
                .param("webhookId", webhookId)
                .param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
                .param("next", Instant.now().plusSeconds(3600).atOffset(ZoneOffset.UTC))
                .param("deliveredAt", deliveredAt == null ? null : deliveredAt.atOffset(ZoneOffset.UTC))
                .param("abandonedAt", abandonedAt == null ? null : abandonedAt.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    /**
     * {@code count} test events owed to the endpoint, all due at {@code due}, made a millisecond apart
     * (the first oldest).
     */
    void owed(UUID webhookId, int count, Instant due) {
        jdbc.sql("""
                insert into export_webhook_delivery (id, webhook_id, event_type, created_at, next_attempt_at)
                select gen_random_uuid(), :webhookId, 'webhook.test', :due + n * interval '1 millisecond', :due
                  from generate_series(1, :count) as n""")
                .param("webhookId", webhookId)
                .param("due", due.atOffset(ZoneOffset.UTC))
                .param("count", count)
                .update();
    }

    /** How many of the endpoint's events are owed still (neither delivered nor given up). */
    int owedCount(UUID webhookId) {
        return jdbc.sql("""
                select count(*) from export_webhook_delivery
                 where webhook_id = :id and delivered_at is null and abandoned_at is null""").param("id", webhookId).query(Integer.class).single();
    }

    /** How many of the endpoint's events are being sent now (claimed, their lease not run out). */
    int inFlight(UUID webhookId) {
        return jdbc.sql("""
                select count(*) from export_webhook_delivery
                 where webhook_id = :id and leased_until > now() and delivered_at is null and abandoned_at is null""").param("id", webhookId).query(Integer.class).single();
    }

    /** Removes the trainer's endpoints, so that no later test's worker sends their events. */
    void removeAll(long trainerId) {
        jdbc.sql("delete from export_webhook where trainer_id = :trainerId")
                .param("trainerId", trainerId)
                .update();
    }

    Map<String, Object> endpoint(UUID webhookId) {
        return jdbc.sql("select disabled_at, disabled_mailed_at from export_webhook where id = :id")
                .param("id", webhookId)
                .query()
                .singleRow();
    }

    record Endpoint(UUID id, String secret) {}
}
