package com.coaching.exports.api.schedule;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.coaching.exports.api.export.ExportRequest;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A schedule as clients see it. */
@Schema(name = "Schedule")
public record ScheduleView(
        @Schema(requiredMode = REQUIRED) UUID id,

        @Schema(requiredMode = REQUIRED, description = "the export request each firing makes, defaults filled in")
        ExportRequest export,

        @Schema(requiredMode = REQUIRED, description = "5-field Unix cron")
        String cron,

        @Schema(requiredMode = REQUIRED, description = "the IANA zone the cron is read in")
        String timezone,

        @Schema(requiredMode = REQUIRED) boolean paused,

        @Schema(description = "the next firing; only while not paused")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Instant nextFireAt,

        @Schema(requiredMode = REQUIRED) Instant createdAt,

        @Schema(description = "the firing time of the latest job it made; only once it made one")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Instant lastFiredAt,

        @Schema(description = "the latest job it made; only once it made one")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        UUID lastJobId,

        @Schema(
                requiredMode = REQUIRED,
                description = "its latest firings, newest first (at most " + TrainerSchedules.RECENT_FIRINGS
                        + "): each the job it made, or why it made none yet")
        List<ScheduleFiringView> firings,

        @Schema(
                description = "only when the schedule was made with it: each firing exports the payments created"
                        + " since the end of the previous firing's window",
                allowableValues = ScheduleRequest.SINCE_LAST_RUN)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String window,

        @Schema(
                description = "with window sinceLastRun, once it made a job: the end (excluded) of the window"
                        + " handed to its latest job, where the next firing's window starts")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Instant lastWindowEnd) {

    static ScheduleView of(Schedule schedule) {
        return new ScheduleView(
                schedule.id(),
                ExportRequest.of(schedule.export()),
                schedule.cron(),
                schedule.timezone().getId(),
                schedule.paused(),
                schedule.paused() ? null : schedule.nextFireAt(),
                schedule.createdAt(),
                schedule.lastFiredAt(),
                schedule.lastJobId(),
                schedule.firings(),
                schedule.sinceLastRun() ? ScheduleRequest.SINCE_LAST_RUN : null,
                schedule.lastWindowEnd());
    }
}
