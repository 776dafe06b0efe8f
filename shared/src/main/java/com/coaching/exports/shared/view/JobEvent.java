package com.coaching.exports.shared.view;

import com.coaching.exports.shared.job.JobStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a job's history, as {@code export_job_event} recorded it: a move, or a download link
 * handed out ({@code reason} {@code link issued}, the state unchanged).
 *
 * @param from the state it left; {@code null} for the job's creation
 * @param address the client's address of a link issued; {@code null} for a move, or a webhook's link
 */
public record JobEvent(
        @Nullable String from,
        JobStatus to,
        Instant at,
        String by,
        @Nullable String reason,
        @Nullable String address) {}
