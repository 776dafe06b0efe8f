package com.coaching.exports.worker.export;

import java.time.Instant;

/** What an export wrote: its rows (without the header), bytes and their SHA-256, and the instant of its snapshot. */
record ExportedFile(long rowCount, long sizeBytes, String sha256, Instant dataAsOf) {}
