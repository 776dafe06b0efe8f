package com.coaching.exports.api.webhook;

import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.job.WebhookEvents;
import com.coaching.exports.shared.webhook.WebhookNetwork;
import com.coaching.exports.shared.webhook.WebhookProperties;
import com.coaching.exports.shared.webhook.WebhookTries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A trainer's webhook endpoints: the events of their exports, posted and signed the Standard Webhooks way. */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "webhooks", description = "Endpoints that are told when the caller's exports end")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    private static final int SECRET_BYTES = 32;

    private final TrainerWebhooks webhooks;
    private final WebhookNetwork network;
    private final WebhookProperties.Api settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebhookController(TrainerWebhooks webhooks, WebhookNetwork network, WebhookProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.network = network;
        this.settings = properties.api();
        this.clock = clock;
    }

    @Operation(
            summary = "Register an endpoint",
            description = "Answers with the endpoint and its signing secret, which no other answer shows.")
    @ApiResponse(
            responseCode = "201",
            description = "The endpoint, with its secret",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            description = "/api/v1/webhooks/{id}",
                            required = true,
                            schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "400", description = "A bad url or events field, or malformed JSON")
    @ApiResponse(responseCode = "409", description = "The caller has 10 endpoints already")
    @ApiResponse(responseCode = "413", description = "A body over 16 KiB")
    @ApiResponse(responseCode = "415", description = "A body that is not application/json")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedWebhook> create(TrainerId trainer, @RequestBody WebhookRequest request) {
        WebhookRequest.Valid valid = request.validate(network);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String secret = secret();
        if (!webhooks.createWithin(settings.maxPerTrainer(), trainer.value(), id, valid, secret, now)) {
            throw new ApiException(
                    ProblemType.TOO_MANY_WEBHOOKS,
                    "A trainer may have " + settings.maxPerTrainer() + " webhooks; delete one first.");
        }
        log.info("webhook registered webhook={} trainer={} events={}", id, trainer, valid.events());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + id))
                .body(new CreatedWebhook(id, valid.url(), valid.events(), now, secret));
    }

    @Operation(summary = "The caller's endpoints", description = "Oldest first; never with their secrets.")
    @ApiResponse(responseCode = "200", description = "The endpoints", useReturnTypeSchema = true)
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookView.Listed list(TrainerId trainer) {
        return new WebhookView.Listed(webhooks.list(trainer.value()));
    }

    @Operation(summary = "Remove an endpoint", description = "Its pending events are not sent.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such endpoint, or another trainer's")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrainerId trainer, @PathVariable UUID id) {
        if (!webhooks.delete(trainer.value(), id)) {
            throw notFound(id);
        }
        log.info("webhook deleted webhook={} trainer={}", id, trainer);
    }

    @Operation(summary = "The endpoint's last " + WebhookTries.KEPT + " delivery tries", description = "Newest first.")
    @ApiResponse(responseCode = "200", description = "The tries", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such endpoint, or another trainer's")
    @GetMapping(path = "/{id}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    DeliveryAttempt.Listed deliveries(TrainerId trainer, @PathVariable UUID id) {
        WebhookView webhook = webhooks.find(trainer.value(), id).orElseThrow(() -> notFound(id));
        return new DeliveryAttempt.Listed(webhooks.attempts(webhook.id()));
    }

    @Operation(
            summary = "Send a webhook.test event",
            description = "Queued at once and delivered, signed and retried, as the exports' events are.")
    @ApiResponse(responseCode = "202", description = "The event, queued", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such endpoint, or another trainer's")
    @ApiResponse(responseCode = "409", description = "The endpoint was disabled")
    @ApiResponse(
            responseCode = "429",
            description =
                    "The endpoint was sent as many test events in the last minute as it may be (exports.webhooks.api.test-events-per-minute, 10)",
            headers =
                    @Header(
                            name = HttpHeaders.RETRY_AFTER,
                            description = "seconds until the oldest of them leaves the minute",
                            required = true,
                            schema = @Schema(type = "integer", minimum = "1")))
    @PostMapping(path = "/{id}/test", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestEvent test(TrainerId trainer, @PathVariable UUID id) {
        WebhookView webhook = webhooks.find(trainer.value(), id).orElseThrow(() -> notFound(id));
        if (webhook.disabledAt() != null) {
            throw new ApiException(
                    ProblemType.WEBHOOK_DISABLED, "The webhook was disabled after failing; register it again.");
        }
        TrainerWebhooks.TestQueued queued =
                webhooks.queueTestWithin(settings.testEventsPerMinute(), webhook.id(), clock.instant());
        if (queued instanceof TrainerWebhooks.TestQueued.Limited limited) {
            throw ApiException.retryAfter(
                    ProblemType.TOO_MANY_TEST_EVENTS,
                    "A webhook may be sent " + settings.testEventsPerMinute() + " test events a minute; try again in "
                            + limited.retryAfterSeconds() + " s.",
                    limited.retryAfterSeconds());
        }
        return new TestEvent(((TrainerWebhooks.TestQueued.Queued) queued).messageId(), WebhookEvents.TEST);
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(ProblemType.NOT_FOUND, "No webhook " + id + " was found.");
    }

    /** {@code whsec_} and the base64 of random bytes, as Standard Webhooks' libraries read it. */
    private String secret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
