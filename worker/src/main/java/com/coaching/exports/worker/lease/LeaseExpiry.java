package com.coaching.exports.worker.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a worker's lease on a job has expired, and what then becomes of the job: a pure function of
 * the clock and the row. {@link com.coaching.exports.worker.export.Leases#expiredLeases} selects by
 * the same rule in SQL ({@code heartbeat_at < :before}), so that its index serves the sweep.
 *
 * @param timeout how long a lease lives after its last heartbeat
 * @param maxAttempts how many crashed attempts a job is given before it fails
 */
record LeaseExpiry(Duration timeout, int maxAttempts) {

    /** What becomes of a job whose lease expired. */
    enum Fate {
        /** Queued again for another attempt. */
        REQUEUE,
        /** Failed: it crashed as often as it may. */
        GIVE_UP
    }

    /** Leases whose last heartbeat is before this instant have expired. */
    Instant expiredBefore(Clock clock) {
        return clock.instant().minus(timeout);
    }

    boolean hasExpired(Instant heartbeatAt, Clock clock) {
        return heartbeatAt.isBefore(expiredBefore(clock));
    }

    /** The fate of a job after {@code attempts} starts, {@code waits} of which ended waiting for a dependency (no crash). */
    Fate fateAfter(int attempts, int waits) {
        return crashes(attempts, waits) >= maxAttempts ? Fate.GIVE_UP : Fate.REQUEUE;
    }

    static int crashes(int attempts, int waits) {
        return attempts - waits;
    }
}
