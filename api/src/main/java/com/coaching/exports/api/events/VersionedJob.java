package com.coaching.exports.api.events;

import com.coaching.exports.shared.job.ExportJob;

/** A job as read now, with its version: the id of the event that carries it. */
record VersionedJob(long version, ExportJob job) {}
