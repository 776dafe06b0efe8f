package com.coaching.exports.shared.outbox;

import com.coaching.exports.shared.retry.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** What is written for a row after a try: done, due again at {@code next}, or given up. */
public sealed interface Verdict<T> {

    /** When the try was judged. */
    Instant at();

    /** Which try this was, counting from 1. */
    int tries();

    record Done<T>(@Nullable T result, Instant at, int tries) implements Verdict<T> {}

    record RetryAt<T>(@Nullable T result, @Nullable String reason, Instant at, int tries, Instant next)
            implements Verdict<T> {}

    record GiveUp<T>(@Nullable T result, @Nullable String reason, Instant at, int tries) implements Verdict<T> {}

    /**
     * The verdict on a try that ended in {@code outcome}, the row having failed {@code failedBefore}
     * tries before it: a function of the clock's instant, the policy and the random source only, so a
     * test that sets the clock knows when the row is due again. Empty for a row that is gone.
     */
    static <T> Optional<Verdict<T>> of(
            Outcome<T> outcome, int failedBefore, RetryPolicy policy, Clock clock, RandomGenerator random) {
        Instant now = clock.instant();
        int tries = failedBefore + 1;
        if (outcome instanceof Outcome.Succeeded<T> succeeded) {
            return Optional.of(new Done<>(succeeded.result(), now, tries));
        }
        if (outcome instanceof Outcome.Failed<T> failed) {
            return Optional.of(policy.delayAfter(tries, random)
                    .<Verdict<T>>map(
                            delay -> new RetryAt<>(failed.result(), failed.reason(), now, tries, now.plus(delay)))
                    .orElseGet(() -> new GiveUp<>(failed.result(), failed.reason(), now, tries)));
        }
        return Optional.empty(); // gone
    }
}
