package com.coaching.exports.api;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The API's own limits (the outbox's settings are {@code OutboxProperties}, beside the publisher both
 * sides use).
 *
 * @param maxActiveJobs how many exports one trainer may have queued and running at once
 * @param bulkThresholdRows jobs estimated at this many rows or more take the bulk lane
 */
@Validated
@ConfigurationProperties("exports.api")
public record ApiProperties(
        @DefaultValue("5") @Positive int maxActiveJobs,
        @DefaultValue("100000") @Positive long bulkThresholdRows) {}
