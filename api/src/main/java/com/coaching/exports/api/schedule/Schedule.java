package com.coaching.exports.api.schedule;

import com.coaching.exports.api.export.ExportRequest.ValidExportRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A trainer's schedule as stored in {@code export_schedule}.
 *
 * @param export the validated, normalized request each firing makes a job of
 * @param nextFireAt when it fires next (kept while paused, recomputed on resume)
 * @param lastFiredAt the firing time of its latest job; {@code null} before the first
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
        Instant lastFiredAt,
        UUID lastJobId) {}
