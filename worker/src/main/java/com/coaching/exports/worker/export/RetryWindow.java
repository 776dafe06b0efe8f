package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Whether a job that a dependency failed waits and runs again, and when: a pure function of the
 * job, the time and the dice. It waits (by {@code policy}, after the waits it had) as long as its
 * dependencies have been failing it for less than {@code retryFor}, counted from the first failure.
 */
record RetryWindow(Duration retryFor, RetryPolicy policy) {

    /** When the job may run again, or empty once it has been failing for {@code retryFor} or longer. */
    Optional<Instant> retryAt(ExportJob job, Instant now, RandomGenerator random) {
        Instant since = job.failingSince() == null ? now : job.failingSince();
        if (!since.plus(retryFor).isAfter(now)) {
            return Optional.empty();
        }
        return policy.delayAfter(job.waits() + 1, random).map(now::plus);
    }
}
