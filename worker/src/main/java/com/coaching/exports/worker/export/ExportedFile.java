package com.coaching.exports.worker.export;

/** What an export wrote: its rows (without the header), bytes and their SHA-256. */
record ExportedFile(long rowCount, long sizeBytes, String sha256) {}
