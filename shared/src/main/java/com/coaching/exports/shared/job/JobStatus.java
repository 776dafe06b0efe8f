package com.coaching.exports.shared.job;

import java.util.Arrays;

/**
 * The states of an export job. The moves allowed between them are the declared {@link Move}s: a
 * state may move to another exactly when a move goes there.
 */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    EXPIRED;

    public boolean canMoveTo(JobStatus target) {
        return Arrays.stream(Move.values()).anyMatch(move -> move.from() == this && move.to() == target);
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
