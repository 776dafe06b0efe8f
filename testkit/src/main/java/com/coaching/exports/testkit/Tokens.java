package com.coaching.exports.testkit;

import com.coaching.exports.embedded.DevTokens;
import com.coaching.exports.shared.secret.DevSecrets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Tokens for tests, signed with the secret the test applications use. */
public final class Tokens {

    public static final String SECRET = DevSecrets.TEST_JWT;
    /** The key of emailed download links in tests. */
    public static final String LINK_SECRET = DevSecrets.TEST_LINKS;
    /** The key of destinations' secrets in tests. */
    public static final String DESTINATIONS_KEY = DevSecrets.TEST_DESTINATIONS_KEY;
    /** The setting, true, with which the applications accept these secrets from the repository. */
    public static final String ALLOW_DEV_SECRETS = DevSecrets.ALLOW;

    private Tokens() {}

    /** The settings with which an API or a worker in a test accepts these secrets. */
    public static Map<String, Object> devSecrets() {
        return Map.of(
                "exports.jwt.secret",
                SECRET,
                "exports.links.secret",
                LINK_SECRET,
                "exports.destinations.key",
                DESTINATIONS_KEY,
                ALLOW_DEV_SECRETS,
                true);
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
