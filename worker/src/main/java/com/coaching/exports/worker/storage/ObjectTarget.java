package com.coaching.exports.worker.storage;

/** Where an upload goes and how the object is served. */
public record ObjectTarget(String bucket, String key, String contentType, String contentDisposition) {}
