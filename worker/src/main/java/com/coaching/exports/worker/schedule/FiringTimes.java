package com.coaching.exports.worker.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a schedule is due, as a function of the clock and its row alone: at its firing time
 * ({@code next_fire_at}), but not before {@code retry_at} when its trainer's active-job limit held
 * a firing back. {@link DueSchedules#takeOne} selects by the same rule in SQL ({@code
 * greatest(next_fire_at, retry_at)}, which ignores a null), so that its index serves the claim.
 *
 * @param nextFireAt the firing that is due next (kept while a held-back firing waits)
 * @param retryAt the next try of a held-back firing; {@code null} when none was held back
 */
record FiringTimes(Instant nextFireAt, @Nullable Instant retryAt) {

    /** How often a firing held back by its trainer's limit is tried again, at most. */
    static final Duration RETRY_EVERY = Duration.ofMinutes(1);

    /** The moment the schedule is due: the firing time, or the next try when that is later. */
    Instant dueAt() {
        return retryAt == null || retryAt.isBefore(nextFireAt) ? nextFireAt : retryAt;
    }

    boolean isDue(Clock clock) {
        return !dueAt().isAfter(clock.instant());
    }

    /** The next try after a firing was held back now: a minute on, never sooner. */
    static Instant retryAfterHeldBack(Clock clock) {
        return clock.instant().plus(RETRY_EVERY);
    }
}
