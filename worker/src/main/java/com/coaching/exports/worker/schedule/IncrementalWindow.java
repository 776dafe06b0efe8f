package com.coaching.exports.worker.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The window of {@code created_at} a firing of a {@code sinceLastRun} schedule exports, half-open:
 * from {@code start} (included) to {@code end} (excluded). It ends {@link #LAG} before the firing
 * time, so a row committed up to that late, with an earlier {@code created_at}, is still read by the
 * next window; it starts where the last window handed to a job ended, so windows neither overlap nor
 * leave a gap; the first starts {@code days} days before its end.
 */
record IncrementalWindow(Instant start, Instant end) {

    /** How long before its firing time a window ends: the latest a row may commit after its {@code created_at}. */
    static final Duration LAG = Duration.ofMinutes(1);

    /**
     * The window of the firing at {@code fireAt}: after {@code lastEnd}, the end of the last window
     * handed to a job, or the {@code days} days before its end when there was none. Never negative:
     * a firing time set back before the last end gets an empty window at it.
     */
    static IncrementalWindow of(@Nullable Instant lastEnd, Instant fireAt, int days) {
        Instant end = fireAt.minus(LAG);
        Instant start = lastEnd != null ? lastEnd : end.minus(days, ChronoUnit.DAYS);
        return new IncrementalWindow(start, end.isBefore(start) ? start : end);
    }
}
