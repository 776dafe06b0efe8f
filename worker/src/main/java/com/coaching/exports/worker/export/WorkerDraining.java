package com.coaching.exports.worker.export;

/**
 * This worker is shutting down and takes no new job: the message was not handled and goes back to
 * the queue for another worker. (A job it already runs is stopped with {@link ExportStopped}.)
 */
public class WorkerDraining extends RuntimeException {

    WorkerDraining() {
        super("worker shutting down", null, false, false);
    }
}
