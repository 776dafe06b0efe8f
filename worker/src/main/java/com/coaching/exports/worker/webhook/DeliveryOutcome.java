package com.coaching.exports.worker.webhook;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How one try went: an answer (a 2xx delivers), no answer, or not sent at all because the address is
 * one webhooks may not reach. What a trainer sees of it is {@link #statusCode} and {@link #error}.
 */
sealed interface DeliveryOutcome {

    /** The metric's {@code outcome} tag: delivered, failed (an answer not 2xx), error (no answer), refused. */
    String metric();

    /** Every {@link #metric()}: the counter starts at 0 for each when the worker starts. */
    List<String> METRICS = List.of("delivered", "failed", "error", "refused");

    /** The endpoint's HTTP status, or null when there was no answer. */
    default @Nullable Integer statusCode() {
        return null;
    }

    /** Why there was no answer, for the endpoint's delivery list; null when there was one. */
    default @Nullable String error() {
        return null;
    }

    default boolean succeeded() {
        return false;
    }

    /** The endpoint answered with {@code status}. */
    record Answered(int status) implements DeliveryOutcome {

        @Override
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        @Override
        public String metric() {
            return succeeded() ? "delivered" : "failed";
        }

        @Override
        public Integer statusCode() {
            return status;
        }
    }

    /** No answer: a timeout, a refused connection, an unknown host… */
    record NoAnswer(String why) implements DeliveryOutcome {

        @Override
        public String metric() {
            return "error";
        }

        @Override
        public String error() {
            return why;
        }
    }

    /**
     * Not sent: the URL or the address its host resolves to is one webhooks may not reach. {@code why}
     * is shown to the trainer, so it never holds the address itself.
     */
    record Refused(String why) implements DeliveryOutcome {

        @Override
        public String metric() {
            return "refused";
        }

        @Override
        public String error() {
            return "refused: " + why;
        }
    }
}
