package com.coaching.exports.api.events;

import java.io.IOException;
import java.time.Duration;

/** A stream's client did not read what was written to it within {@code exports.events.write-timeout}. */
final class StalledClientException extends IOException {

    private static final long serialVersionUID = 1L;

    StalledClientException(Duration writeTimeout) {
        super("the client read nothing for " + writeTimeout.toMillis() + " ms");
    }
}
