package com.coaching.exports.api.schedule;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The caller's schedules, oldest first (at most {@code exports.schedules.max-per-trainer}: no paging). */
@Schema(name = "ScheduleList")
public record ScheduleList(@Schema(requiredMode = REQUIRED) List<ScheduleView> items) {}
