package com.coaching.exports.shared.housekeeping;

import java.time.Duration;

/**
 * A task a process runs on its own every so often (a sweep, a dispatch, a probe), scheduled by
 * {@link Housekeeping}: a bean that implements this is all it takes.
 */
public interface HousekeepingTask {

    /** What the task does, for its log line when a round fails: {@code <name> skipped: …}. */
    String name();

    /** The pause between the end of one round and the start of the next. */
    Duration interval();

    /** The pause before the first round; none by default. */
    default Duration initialDelay() {
        return Duration.ZERO;
    }

    /** One round. What it throws is logged and the round skipped; the next comes after the interval. */
    void runOnce();
}
