package com.coaching.exports.shared.creation;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a new job may be and where it waits, for every side that creates jobs (the API for a request,
 * the worker for a schedule's firing). The prefix is still {@code exports.api}, the settings' names
 * from before the worker created jobs too: api and worker must be given the same values.
 *
 * @param maxActiveJobs how many exports one trainer may have queued and running at once
 * @param bulkThresholdRows jobs estimated at this many rows or more take the bulk lane
 */
@Validated
@ConfigurationProperties("exports.api")
public record JobLimits(
        @DefaultValue("5") @Positive int maxActiveJobs,
        @DefaultValue("100000") @Positive long bulkThresholdRows) {}
