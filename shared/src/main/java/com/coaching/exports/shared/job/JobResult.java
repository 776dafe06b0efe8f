package com.coaching.exports.shared.job;

/** What a succeeded export produced: the file in the object store. */
public record JobResult(
        String fileName, String objectKey, long rowCount, long sizeBytes, String sha256, String contentType) {}
