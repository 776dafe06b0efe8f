package com.coaching.exports.shared.job;

/** A job was asked to move to a state its current state does not allow. */
public class IllegalTransitionException extends RuntimeException {

    private final JobStatus from;
    private final JobStatus to;

    public IllegalTransitionException(JobStatus from, JobStatus to) {
        super("an export job cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public JobStatus from() {
        return from;
    }

    public JobStatus to() {
        return to;
    }
}
