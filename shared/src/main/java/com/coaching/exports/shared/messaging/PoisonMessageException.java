package com.coaching.exports.shared.messaging;

/** A message that can never be processed: it is rejected without requeue, not retried. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }
}
