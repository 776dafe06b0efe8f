package com.coaching.exports.api.webhook;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** A {@code webhook.test} event queued for delivery. */
@Schema(name = "WebhookTestEvent")
public record TestEvent(
        @Schema(requiredMode = REQUIRED, description = "its webhook-id header")
        UUID messageId,

        @Schema(requiredMode = REQUIRED, allowableValues = "webhook.test")
        String event) {}
