package com.coaching.exports.shared.creation;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a new job may be and where it waits, for every side that creates jobs (the API for a request,
 * the worker for a schedule's firing): api and worker must be given the same values. The names from
 * before the worker created jobs too, {@code exports.api.max-active-jobs} and
 * {@code exports.api.bulk-threshold-rows}, still read, with a warning ({@code RenamedSettings}).
 *
 * @param maxActivePerTrainer exports one trainer may have queued and running at once; one more is
 *     refused with 429, and a schedule's firing over it waits
 * @param bulkThresholdRows jobs estimated at this many rows or more take the bulk lane
 */
@Validated
@ConfigurationProperties("exports.jobs")
public record JobLimits(
        @DefaultValue("5") @Positive int maxActivePerTrainer,
        @DefaultValue("100000") @Positive long bulkThresholdRows) {}
