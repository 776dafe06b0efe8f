package com.coaching.exports.embedded;

import java.util.Map;

/** One embedded service: the settings that point an application at it, and a way to stop it. */
interface StandIn extends AutoCloseable {

    /** Spring properties that make an application use this stand-in. */
    Map<String, Object> properties();

    /** Human-readable "what and where", for the startup log line. */
    String description();

    /** Stops the service; never throws, since it runs during JVM shutdown. */
    @Override
    void close();
}
