package com.coaching.exports.api.schedule;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One firing of a schedule as the trainer sees it: the job it made, or why it made none yet. */
@Schema(name = "ScheduleFiring")
public record ScheduleFiringView(
        @Schema(requiredMode = REQUIRED, description = "the firing time (a days window ends then)")
        Instant fireAt,

        @Schema(requiredMode = REQUIRED, description = "when it made its job, or when it was last tried")
        Instant at,

        @Schema(description = "the job it made; only once it made one")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        UUID jobId,

        @Schema(
                description = "why it made no job yet: `active job limit` (the trainer had as many jobs queued"
                        + " and running as allowed; tried again about once a minute); only then",
                example = "active job limit")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String skippedReason) {}
