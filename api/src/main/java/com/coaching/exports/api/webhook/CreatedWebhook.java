package com.coaching.exports.api.webhook;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A new endpoint, with its signing secret: the only answer that ever shows it. */
@Schema(name = "CreatedWebhook")
public record CreatedWebhook(
        @Schema(requiredMode = REQUIRED) UUID id,
        @Schema(requiredMode = REQUIRED) String url,
        @Schema(requiredMode = REQUIRED) List<String> events,
        @Schema(requiredMode = REQUIRED) Instant createdAt,

        @Schema(
                requiredMode = REQUIRED,
                description = "whsec_ and the base64 of 32 random bytes: the key of the webhook-signature"
                        + " (Standard Webhooks); shown this once",
                pattern = "^whsec_[A-Za-z0-9+/=]+$")
        String secret) {

    @Override
    public String toString() {
        return "CreatedWebhook[id=" + id + ", url=" + url + ", events=" + events + "]"; // never the secret
    }
}
