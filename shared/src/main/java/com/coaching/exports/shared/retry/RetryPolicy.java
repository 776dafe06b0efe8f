package com.coaching.exports.shared.retry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait after a failed try, and when to stop trying: the one way every retry in the
 * service is written (jobs waiting for a dependency, webhook deliveries, mails, file removals). A
 * pure function of the tries so far and a random source, so tests decide the jitter.
 */
public sealed interface RetryPolicy {

    /** 5 s, 10 s, 20 s, … up to 30 min, half jitter, for ever: for retries a person never waits on (mails, file removals). */
    ExponentialHalfJitter PATIENT = new ExponentialHalfJitter(Duration.ofSeconds(5), Duration.ofMinutes(30));

    /**
     * The wait after {@code failedTries} failed tries (1 after the first failure), or empty when the
     * policy has no more tries to give.
     */
    Optional<Duration> delayAfter(int failedTries, RandomGenerator random);

    /**
     * Doubling from {@code first} up to {@code cap}, for ever, with full jitter: a uniform wait
     * between zero and the capped doubling, so the tries of many callers that failed together spread
     * over the whole window instead of coming back in a herd (AWS's "exponential backoff and jitter").
     */
    static RetryPolicy exponentialFullJitter(Duration first, Duration cap) {
        return new ExponentialFullJitter(first, cap);
    }

    /** Doubling from {@code first} up to {@code cap}, for ever, without jitter. */
    static RetryPolicy exponential(Duration first, Duration cap) {
        return new Exponential(first, cap);
    }

    /** Doubling from {@code first} up to {@code cap}, for ever, waiting between half and all of it. */
    static RetryPolicy exponentialHalfJitter(Duration first, Duration cap) {
        return new ExponentialHalfJitter(first, cap);
    }

    /**
     * The given waits in turn, each give or take {@code jitter} of itself (0.2: ±20 %); after the
     * last one the policy gives up.
     */
    static RetryPolicy delays(List<Duration> delays, double jitter) {
        return new Delays(List.copyOf(delays), jitter);
    }

    /** The capped doubling after {@code failedTries} failures: {@code first}, 2×, 4×, … up to {@code cap}. */
    private static long cappedMillis(Duration first, Duration cap, int failedTries) {
        int doublings = Math.max(0, Math.min(failedTries - 1, 30));
        long base = first.toMillis() << doublings;
        return base <= 0 ? cap.toMillis() : Math.min(base, cap.toMillis());
    }

    record Exponential(Duration first, Duration cap) implements RetryPolicy {
        @Override
        public Optional<Duration> delayAfter(int failedTries, RandomGenerator random) {
            return Optional.of(Duration.ofMillis(cappedMillis(first, cap, failedTries)));
        }
    }

    record ExponentialFullJitter(Duration first, Duration cap) implements RetryPolicy {
        @Override
        public Optional<Duration> delayAfter(int failedTries, RandomGenerator random) {
            long capped = cappedMillis(first, cap, failedTries);
            return Optional.of(Duration.ofMillis(random.nextLong(capped + 1)));
        }
    }

    record ExponentialHalfJitter(Duration first, Duration cap) implements RetryPolicy {
        @Override
        public Optional<Duration> delayAfter(int failedTries, RandomGenerator random) {
            long capped = cappedMillis(first, cap, failedTries);
            return Optional.of(Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1)));
        }
    }

    record Delays(List<Duration> delays, double jitter) implements RetryPolicy {
        @Override
        public Optional<Duration> delayAfter(int failedTries, RandomGenerator random) {
            if (failedTries < 1 || failedTries > delays.size()) {
                return Optional.empty();
            }
            long millis = delays.get(failedTries - 1).toMillis();
            long spread = (long) (millis * jitter);
            return Optional.of(Duration.ofMillis(millis - spread + random.nextLong(2 * spread + 1)));
        }
    }
}
