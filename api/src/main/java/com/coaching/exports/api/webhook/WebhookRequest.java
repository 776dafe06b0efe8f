package com.coaching.exports.api.webhook;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.FieldProblem;
import com.coaching.exports.shared.job.WebhookEvents;
import com.coaching.exports.shared.webhook.WebhookNetwork;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/v1/webhooks} as the client sent it. */
@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @Schema(description = "where the events are posted: https (http only where the service allows it)") @Nullable
        String url,

        @Schema(
                description = "one or more of export.succeeded, export.failed, export.expired, export.delivered,"
                        + " export.delivery_failed")
        @Nullable
        List<String> events) {

    /** Checks the fields; throws naming every field at fault. Events are kept once each, in the order given. */
    Valid validate(WebhookNetwork network) {
        List<FieldProblem> errors = new ArrayList<>();
        if (url == null || url.isBlank()) {
            errors.add(new FieldProblem("url", "is required"));
        } else {
            network.refusal(url).ifPresent(why -> errors.add(new FieldProblem("url", why)));
        }
        String allowed = String.join(", ", WebhookEvents.SUBSCRIBABLE);
        if (events == null || events.isEmpty()) {
            errors.add(new FieldProblem("events", "is required: one or more of " + allowed));
        } else {
            for (String event : events) {
                if (event == null || !WebhookEvents.SUBSCRIBABLE.contains(event)) {
                    errors.add(new FieldProblem("events", "must each be one of " + allowed));
                    break;
                }
            }
        }
        if (!errors.isEmpty() || url == null || events == null) {
            throw ApiException.invalid(errors);
        }
        return new Valid(url, List.copyOf(new LinkedHashSet<>(events)));
    }

    /** A request that passed {@link #validate}. */
    record Valid(String url, List<String> events) {}
}
