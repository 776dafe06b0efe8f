package com.coaching.exports.shared;

import com.coaching.exports.shared.retry.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before trying again: doubling per try, capped, with jitter so retries spread out. */
public record Backoff(Duration first, Duration last) {

    /** 5 s, 10 s, 20 s, … up to 30 min: for retries a person never waits on (mails, file removals). */
    public static final Backoff PATIENT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(30));

    /** The wait after {@code triesSoFar} failed tries: between half and all of the capped doubling. */
    public Duration after(int triesSoFar) {
        return RetryPolicy.exponentialHalfJitter(first, last)
                .delayAfter(triesSoFar + 1, ThreadLocalRandom.current())
                .orElseThrow();
    }
}
