package com.coaching.exports.api.export;

import com.coaching.exports.shared.job.Lane;
import java.util.UUID;

/** A job and its outbox entry were written; its message is to be published once they are committed. */
record JobQueued(UUID jobId, Lane lane) {}
