package com.coaching.exports.api.webhook;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The API's webhook limits (where webhooks may go is {@code WebhookNetwork}, which the worker applies too).
 *
 * @param maxPerTrainer how many endpoints one trainer may register
 * @param testEventsPerMinute how many test events one endpoint may be sent in any minute, counted in the
 *     database so that it holds across API instances
 */
@Validated
@ConfigurationProperties("exports.webhooks.api")
public record WebhookSettings(
        @DefaultValue("10") @Positive int maxPerTrainer,
        @DefaultValue("10") @Positive int testEventsPerMinute) {}
