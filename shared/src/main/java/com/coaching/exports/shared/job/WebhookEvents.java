package com.coaching.exports.shared.job;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The webhook events a job's moves send, and the outbox rows a move writes for them: one per
 * enabled endpoint of the job's trainer subscribed to the event, in the move's own statement, so
 * there is no move without its deliveries and no delivery without its move.
 */
public final class WebhookEvents {

    public static final String SUCCEEDED = "export.succeeded";
    public static final String FAILED = "export.failed";
    public static final String EXPIRED = "export.expired";
    /** The job's file reached the destination it names (not a move: the job stays SUCCEEDED). */
    public static final String DELIVERED = "export.delivered";
    /** The job's file could not be delivered within the retry window; the job stays SUCCEEDED. */
    public static final String DELIVERY_FAILED = "export.delivery_failed";
    /** Sent on request only ({@code POST /api/v1/webhooks/{id}/test}); no endpoint subscribes to it. */
    public static final String TEST = "webhook.test";

    /** The events an endpoint may subscribe to. */
    public static final List<String> SUBSCRIBABLE = List.of(SUCCEEDED, FAILED, EXPIRED, DELIVERED, DELIVERY_FAILED);

    private WebhookEvents() {}

    /**
     * A statement that queues {@code event} for the endpoints of the job {@code :jobId} at {@code :at},
     * outside a move (a delivery's outcome); run in the transaction that records what the event tells.
     */
    public static String forJob(String event) {
        return "with moved as (select id, trainer_id from export_job where id = :jobId)" + outbox(event)
                + "\nselect count(*) from moved";
    }

    /**
     * The CTE part that queues {@code event} for the moved job's endpoints ({@code moved} returns
     * {@code id} and {@code trainer_id}), or nothing for a move that sends none. The event is one of
     * this class's constants, never input, so it is written into the statement.
     */
    static String outbox(@Nullable String event) {
        if (event == null) {
            return "";
        }
        if (!SUBSCRIBABLE.contains(event)) {
            throw new IllegalArgumentException("not a webhook event: " + event);
        }
        return ",\nwebhooks as (\n" + """
                    insert into export_webhook_delivery (id, webhook_id, job_id, event_type, created_at, next_attempt_at)
                    select gen_random_uuid(), w.id, moved.id, '%s', :at, :at
                      from moved join export_webhook w on w.trainer_id = moved.trainer_id
                     where w.disabled_at is null and '%s' = any (w.events))""".formatted(event, event);
    }
}
