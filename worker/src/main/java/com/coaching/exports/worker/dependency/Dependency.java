package com.coaching.exports.worker.dependency;

import com.coaching.exports.shared.job.JobError;

/**
 * What an export needs besides its worker, each with a circuit breaker of its own ({@link
 * Breakers}): what the job's history says while it waits for it, and how the job fails when it
 * waited too long.
 */
public enum Dependency {
    STORE(
            "store",
            "store unavailable",
            JobError.STORAGE_UNAVAILABLE,
            "The file could not be stored. Please try again later."),
    SOURCE(
            "source",
            "database unavailable",
            JobError.DATABASE_UNAVAILABLE,
            "The data could not be read. Please try again later."),
    DATABASE(
            "database",
            "database unavailable",
            JobError.DATABASE_UNAVAILABLE,
            "The data could not be read. Please try again later.");

    private final String id;
    private final String reason;
    private final String errorCode;
    private final String errorMessage;

    Dependency(String id, String reason, String errorCode, String errorMessage) {
        this.id = id;
        this.reason = reason;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    /** The {@code dependency} tag of {@code exports_dependency_up} and the name in log lines. */
    public String id() {
        return id;
    }

    /** The reason a job's history gives for waiting for it. */
    public String waitReason() {
        return reason;
    }

    /** How a job fails once it waited for this dependency longer than the retry window. */
    public JobError error() {
        return new JobError(errorCode, errorMessage);
    }
}
