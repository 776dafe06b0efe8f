package com.coaching.exports.worker.schedule;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker fires schedules.
 *
 * @param checkInterval how often a worker looks for due schedules (a firing is made at most this late,
 *     unless its trainer is at the active-job limit)
 */
@Validated
@ConfigurationProperties("exports.schedules")
public record ScheduleProperties(
        @DefaultValue("15s") @NotNull Duration checkInterval) {}
