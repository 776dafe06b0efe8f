package com.coaching.exports.worker.export;

/** The worker is shutting down and the grace period is over: stop the export and requeue the job. */
class ExportStopped extends RuntimeException {

    ExportStopped() {
        super("worker stopping", null, false, false);
    }
}
