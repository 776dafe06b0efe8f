package com.coaching.exports.shared.outbox;

import org.jspecify.annotations.Nullable;

/** How one try of an outbox row went. */
public sealed interface Outcome<T> {

    /** The row's work is done (sent, published, removed). */
    record Succeeded<T>(@Nullable T result) implements Outcome<T> {}

    /** The try failed for {@code reason}; the row is tried again if its policy gives another try. */
    record Failed<T>(@Nullable T result, @Nullable String reason) implements Outcome<T> {}

    /** What the row was about is gone (its job deleted, with the row): nothing to record. */
    record Gone<T>() implements Outcome<T> {}

    static <T> Outcome<T> succeeded(@Nullable T result) {
        return new Succeeded<>(result);
    }

    static <T> Outcome<T> failed(@Nullable T result, @Nullable String reason) {
        return new Failed<>(result, reason);
    }

    static <T> Outcome<T> gone() {
        return new Gone<>();
    }
}
