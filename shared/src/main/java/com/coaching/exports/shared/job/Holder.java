package com.coaching.exports.shared.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may move a running job: the worker and the attempt it runs and, for the lease sweeper, the
 * time the heartbeat must be older than. Every move out of {@code RUNNING} names its holder in the
 * update's {@code where}, so a worker that lost its job, an attempt that was replaced or a lease
 * renewed meanwhile can never win.
 *
 * @param expiredBefore {@code null} for the worker itself; for the lease sweeper, the lease's end
 */
public record Holder(String workerId, int attempt, @Nullable Instant expiredBefore) {

    /** Who the history names for a move by the lease sweeper. */
    public static final String LEASE_SWEEPER = "lease-sweeper";

    /** The worker running the attempt. */
    public static Holder of(String workerId, int attempt) {
        return new Holder(workerId, attempt, null);
    }

    /** The lease sweeper, which wins only while the lease is still expired. */
    public static Holder expired(String workerId, int attempt, Instant expiredBefore) {
        return new Holder(workerId, attempt, expiredBefore);
    }

    /** Who moves the job: the worker, or the lease sweeper. */
    public String by() {
        return expiredBefore == null ? workerId : LEASE_SWEEPER;
    }

    /** Who moves the job, as the move's declaration names it. */
    public Move.Mover mover() {
        return expiredBefore == null ? Move.Mover.WORKER : Move.Mover.LEASE_SWEEPER;
    }

    /** The conditions, after a {@code where} on the job's id and state, that name this holder. */
    public String condition() {
        return " and worker_id = :workerId and attempts = :attempt"
                + (expiredBefore == null ? "" : " and heartbeat_at < :expiredBefore");
    }

    /** Binds the parameters of {@link #condition()}. */
    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
        spec.param("workerId", workerId).param("attempt", attempt);
        return expiredBefore == null ? spec : spec.param("expiredBefore", ExportJobRows.utc(expiredBefore));
    }
}
