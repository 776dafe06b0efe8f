package com.coaching.exports.api.webhook;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A registered endpoint as its trainer sees it: never with its secret. */
@Schema(name = "Webhook")
public record WebhookView(
        @Schema(requiredMode = REQUIRED) UUID id,
        @Schema(requiredMode = REQUIRED) String url,
        @Schema(requiredMode = REQUIRED) List<String> events,
        @Schema(requiredMode = REQUIRED) Instant createdAt,

        @Schema(
                requiredMode = REQUIRED,
                types = {"string", "null"},
                format = "date-time",
                description = "when it was disabled after failing for 3 days; null while it receives events")
        @Nullable
        Instant disabledAt) {

    /** The caller's endpoints, oldest first. */
    @Schema(name = "WebhookList")
    public record Listed(@Schema(requiredMode = REQUIRED) List<WebhookView> items) {}
}
