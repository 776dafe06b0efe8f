package com.coaching.exports.shared.job;

import java.time.Instant;

/**
 * Who may move a running job: the worker and the attempt it runs and, for a lease sweeper taking
 * the job back, the time its heartbeat must be older than. Every move out of {@code RUNNING} names
 * its holder in the update's {@code where}, so a worker that lost its job, an attempt that was
 * replaced or a lease renewed meanwhile can never win.
 *
 * @param expiredBefore {@code null} for the worker itself; for a sweeper, the lease's end
 */
public record Holder(String workerId, int attempt, Instant expiredBefore) {

    /** The worker running the attempt. */
    public static Holder of(String workerId, int attempt) {
        return new Holder(workerId, attempt, null);
    }

    /** A sweeper, which wins only while the lease is still expired. */
    public static Holder expired(String workerId, int attempt, Instant expiredBefore) {
        return new Holder(workerId, attempt, expiredBefore);
    }

    String where() {
        return " where id = :id and status = 'RUNNING' and worker_id = :workerId and attempts = :attempt"
                + (expiredBefore == null ? "" : " and heartbeat_at < :expiredBefore");
    }
}
