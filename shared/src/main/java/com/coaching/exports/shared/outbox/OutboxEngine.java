package com.coaching.exports.shared.outbox;

import com.coaching.exports.shared.retry.RetryPolicy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The one way an outbox is worked: claim due rows, try each, record success or the next try its
 * {@link RetryPolicy} gives (or give up when it gives none). A loop that starts its tries elsewhere
 * (on a pool, or all at once and awaits them) uses {@link #claim} and {@link #handle} or {@link
 * #settle}; the others {@link #pass}.
 */
public final class OutboxEngine<R, T> {

    private final Outbox<R, T> outbox;
    private final RetryPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;

    /** Jitter from the random source of whichever thread settles the try. */
    public OutboxEngine(Outbox<R, T> outbox, RetryPolicy policy, Clock clock) {
        this(outbox, policy, clock, new PerThreadRandom());
    }

    public OutboxEngine(Outbox<R, T> outbox, RetryPolicy policy, Clock clock, RandomGenerator random) {
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    /** Claims up to {@code limit} rows due now. */
    public List<R> claim(int limit) {
        return outbox.claim(clock.instant(), limit);
    }

    /** Tries the row and records how it went. */
    public void handle(R row) {
        settle(row, outbox.process(row));
    }

    /** Records a try whose outcome is known: done, the next try, or given up. */
    public void settle(R row, Outcome<T> outcome) {
        Verdict.of(outcome, outbox.failedTries(row), policy, clock, random)
                .ifPresent(verdict -> outbox.record(row, verdict));
    }

    /**
     * Claims the rows due now, tries them ({@link Outbox#processAll}: each in turn, recorded before the
     * next, unless the outbox tries them together) and records each; how many were claimed.
     */
    public int pass(int limit) {
        List<R> due = claim(limit);
        if (!due.isEmpty()) {
            outbox.processAll(due, this::settle);
        }
        return due.size();
    }

    /** {@link ThreadLocalRandom}, asked for on the thread that draws, as it must be. */
    private static final class PerThreadRandom implements RandomGenerator {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }
    }
}
