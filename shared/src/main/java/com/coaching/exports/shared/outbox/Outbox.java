package com.coaching.exports.shared.outbox;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One outbox table run by the {@link OutboxEngine}: its SQL (the claim, what a success and a failed
 * try write) and its processing. The engine decides, from the outbox's {@code RetryPolicy} and a
 * {@code Clock}, whether a failed row is tried again and when.
 *
 * @param <R> a claimed row
 * @param <T> what one try of a row yields, recorded with its verdict (an answer, a status; or nothing)
 */
public interface Outbox<R, T> {

    /**
     * Claims up to {@code limit} rows due at {@code now}: picked in a {@code with due as materialized
     * (… for update skip locked)} CTE and moved out of the due set (leased, or their next try pushed
     * out), so another instance takes a row only if this one never records its try.
     */
    List<R> claim(Instant now, int limit);

    /** How many tries of the row failed before this one (0 for its first). */
    int failedTries(R row);

    /** Makes one try of the row. May throw: the row's claim then runs out and it is claimed again. */
    Outcome<T> process(R row);

    /**
     * Tries the claimed rows and hands each outcome to {@code settle}: each row tried and settled before
     * the next, unless the outbox tries them all at once (publishes every message, then awaits the
     * confirms).
     */
    default void processAll(List<R> rows, BiConsumer<R, Outcome<T>> settle) {
        for (R row : rows) {
            settle.accept(row, process(row));
        }
    }

    /** Writes the verdict: the row done, due again at a time, or given up. */
    void record(R row, Verdict<T> verdict);
}
