package com.coaching.exports.worker.export;

/** The worker is shutting down and the grace period is over: give the job back. */
class WorkerStopping extends RuntimeException {

    WorkerStopping() {
        super("worker stopping", null, false, false);
    }
}
