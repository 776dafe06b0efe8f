package com.coaching.exports.api.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The body of {@code PATCH /api/v1/schedules/{id}}: pause or resume. */
public record SchedulePatch(
        @Schema(description = "required: true pauses, false resumes (from the next firing after now)") @Nullable
        Boolean paused) {}
