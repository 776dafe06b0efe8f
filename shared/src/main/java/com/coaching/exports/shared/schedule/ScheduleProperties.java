package com.coaching.exports.shared.schedule;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Schedules: how many a trainer may have (the API) and how the worker fires them.
 *
 * @param maxPerTrainer api: schedules one trainer may have; one more is refused with 409
 * @param checkInterval worker: how often a worker looks for due schedules: a scheduled job is created at
 *     most this long after its firing time, unless its trainer is at the active-job limit
 */
@Validated
@ConfigurationProperties("exports.schedules")
public record ScheduleProperties(
        @DefaultValue(ScheduleProperties.DEFAULT_MAX_PER_TRAINER) @Positive
        int maxPerTrainer,

        @DefaultValue("15s") @NotNull Duration checkInterval) {

    /** The default of {@code maxPerTrainer}, which the API's description of the endpoint names. */
    public static final String DEFAULT_MAX_PER_TRAINER = "20";
}
