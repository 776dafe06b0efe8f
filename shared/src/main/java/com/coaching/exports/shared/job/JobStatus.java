package com.coaching.exports.shared.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of an export job and the moves allowed between them: the one table of moves. {@link
 * JobTransitions} declares each move it makes against it.
 */
@SuppressWarnings("ImmutableEnumChecker") // next is set once, in the static block below, and never again
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    EXPIRED;

    static {
        QUEUED.next = EnumSet.of(RUNNING, CANCELLED, FAILED);
        // RUNNING -> QUEUED: requeued by its worker (shutdown, database outage) or the lease sweeper (crash)
        RUNNING.next = EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED);
        SUCCEEDED.next = EnumSet.of(EXPIRED);
        FAILED.next = EnumSet.noneOf(JobStatus.class);
        CANCELLED.next = EnumSet.noneOf(JobStatus.class);
        EXPIRED.next = EnumSet.noneOf(JobStatus.class);
    }

    private Set<JobStatus> next;

    public boolean canMoveTo(JobStatus target) {
        return next.contains(target);
    }

    /** Throws {@link IllegalTransitionException} unless this state may move to {@code target}. */
    public void requireMoveTo(JobStatus target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransitionException(this, target);
        }
    }

    /** Still waiting or running: the client should poll again. */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}
