package com.coaching.exports.shared.outbox;

/** How one try of an outbox row went. */
public sealed interface Outcome<T> {

    /** The row's work is done (sent, published, removed). */
    record Succeeded<T>(T result) implements Outcome<T> {}

    /** The try failed for {@code reason}; the row is tried again if its policy gives another try. */
    record Failed<T>(T result, String reason) implements Outcome<T> {}

    /** What the row was about is gone (its job deleted, with the row): nothing to record. */
    record Gone<T>() implements Outcome<T> {}

    static <T> Outcome<T> succeeded(T result) {
        return new Succeeded<>(result);
    }

    static <T> Outcome<T> failed(T result, String reason) {
        return new Failed<>(result, reason);
    }

    static <T> Outcome<T> gone() {
        return new Gone<>();
    }
}
