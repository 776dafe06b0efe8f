package com.coaching.exports.api.support;

import com.coaching.exports.embedded.DevTokens;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Tokens for tests, signed with the secret the test applications use. */
public final class Tokens {

    public static final String SECRET = "test-secret-for-exports-0123456789abcdef";
    /** The key of emailed download links in tests. */
    public static final String LINK_SECRET = "test-link-secret-0123456789abcdef";

    private Tokens() {
    }

    public static String trainer(long userId) {
        return DevTokens.forUser(SECRET, Long.toString(userId), "TRAINER", Duration.ofHours(1));
    }

    public static String withRole(long userId, String role) {
        return DevTokens.forUser(SECRET, Long.toString(userId), role, Duration.ofHours(1));
    }

    /** A trainer id no other test (or earlier run against the same database) uses. */
    public static long newTrainerId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
    }
}
