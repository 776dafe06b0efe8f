package com.coaching.exports.shared.job;

/** Why an export failed: a stable code for programs and a message for people. */
public record JobError(String code, String message) {

    public static final String EXPORT_FAILED = "EXPORT_FAILED";
    public static final String STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE";
    public static final String STORAGE_REJECTED = "STORAGE_REJECTED";
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    public static final String ATTEMPTS_EXHAUSTED = "ATTEMPTS_EXHAUSTED";
}
