package com.coaching.exports.api.webhook;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One try to deliver an event to an endpoint. */
@Schema(name = "WebhookDeliveryAttempt")
public record DeliveryAttempt(
        @Schema(requiredMode = REQUIRED, description = "the webhook-id header: the same on every try of one event")
        UUID messageId,

        @Schema(
                requiredMode = REQUIRED,
                description = "export.succeeded, export.failed, export.expired, export.delivered,"
                        + " export.delivery_failed or webhook.test")
        String event,

        @Schema(requiredMode = REQUIRED) Instant at,

        @Schema(
                requiredMode = REQUIRED,
                types = {"integer", "null"},
                description = "the endpoint's HTTP status; null when there was no answer")
        @Nullable
        Integer statusCode,

        @Schema(
                requiredMode = REQUIRED,
                types = {"string", "null"},
                description = "why the try failed without an answer (timeout, refused address…); null otherwise")
        @Nullable
        String error,

        @Schema(requiredMode = REQUIRED) long durationMs) {

    /** The last {@value com.coaching.exports.shared.webhook.WebhookTries#KEPT} tries, newest first. */
    @Schema(name = "WebhookDeliveryAttemptList")
    public record Listed(@Schema(requiredMode = REQUIRED) List<DeliveryAttempt> items) {}
}
