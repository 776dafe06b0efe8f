package com.coaching.exports.api.schedule;

import com.coaching.exports.api.export.ExportRequest.ValidExportRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A trainer's schedule as stored in {@code export_schedule}.
 *
 * @param export the validated, normalized request each firing makes a job of
 * @param nextFireAt when it fires next (kept while paused, recomputed on resume)
 * @param lastFiredAt the firing time of its latest job; {@code null} before the first
 * @param firings its latest firings, newest first ({@link TrainerSchedules#RECENT_FIRINGS} at most)
 * @param sinceLastRun whether each firing exports what was created since the last one's window
 * @param lastWindowEnd with {@code sinceLastRun}, the end of the window handed to its latest job
 */
record Schedule(
        UUID id,
        long trainerId,
        ValidExportRequest export,
        String cron,
        ZoneId timezone,
        boolean paused,
        Instant nextFireAt,
        Instant createdAt,
        @Nullable Instant lastFiredAt,
        @Nullable UUID lastJobId,
        List<ScheduleFiringView> firings,
        boolean sinceLastRun,
        @Nullable Instant lastWindowEnd) {

    Schedule withFirings(List<ScheduleFiringView> latest) {
        return new Schedule(
                id,
                trainerId,
                export,
                cron,
                timezone,
                paused,
                nextFireAt,
                createdAt,
                lastFiredAt,
                lastJobId,
                latest,
                sinceLastRun,
                lastWindowEnd);
    }
}
