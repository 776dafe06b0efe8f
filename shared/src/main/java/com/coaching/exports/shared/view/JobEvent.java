package com.coaching.exports.shared.view;

import com.coaching.exports.shared.job.JobStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One move of a job, as {@code export_job_event} recorded it.
 *
 * @param from the state it left; {@code null} for the job's creation
 */
public record JobEvent(
        @Nullable String from,
        JobStatus to,
        Instant at,
        String by,
        @Nullable String reason) {}
