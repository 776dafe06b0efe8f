package com.coaching.exports.worker.export;

/** The job is no longer this worker's (deleted, or requeued by the lease sweeper); stop and leave no file. */
class JobLost extends RuntimeException {

    JobLost() {
        super("job no longer held by this worker", null, false, false);
    }
}
