package com.coaching.exports.shared.messaging;

import java.util.UUID;

/**
 * The message that asks a worker to run a job. The job row is the source of truth: the message
 * only names it, so a duplicate or stale message can do no harm.
 */
public record ExportRequested(int version, UUID jobId) {

    public static final int VERSION = 1;

    public ExportRequested(UUID jobId) {
        this(VERSION, jobId);
    }
}
