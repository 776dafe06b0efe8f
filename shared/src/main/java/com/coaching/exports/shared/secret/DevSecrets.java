package com.coaching.exports.shared.secret;

import java.util.Set;

/**
 * Every secret written in this repository, in one list: the run command's, the tests', and the ones an
 * earlier {@code docker-compose.yml} carried as defaults. Anyone with the repository knows them, so
 * api and worker refuse to start with one of them unless told {@value #ALLOW}{@code =true} (the run
 * command and the tests say so; a deployment never should).
 */
public final class DevSecrets {

    /** The setting that lets an application start with a secret from this list. */
    public static final String ALLOW = "exports.allow-dev-secrets";

    /** The run command's token key, printed at start-up. */
    public static final String LOCAL_JWT = "local-dev-secret-change-me-0123456789abcdef";
    /** The run command's key of emailed links. */
    public static final String LOCAL_LINKS = "local-dev-link-secret-change-me-0123456789";
    /** The token key of the tests. */
    public static final String TEST_JWT = "test-secret-for-exports-0123456789abcdef";
    /** The key of emailed links in the tests. */
    public static final String TEST_LINKS = "test-link-secret-0123456789abcdef";
    /** The key the tests forge tokens with. */
    public static final String TEST_FORGED = "another-secret-that-is-long-enough-000000";
    /** The key of the embedded module's token tests. */
    public static final String TEST_DEV_TOKENS = "local-dev-secret-at-least-32-bytes-long!";
    /** docker-compose.yml's token default until it read its secrets from .env. */
    public static final String OLD_COMPOSE_JWT = "compose-dev-secret-change-me-0123456789";
    /** docker-compose.yml's link default until it read its secrets from .env. */
    public static final String OLD_COMPOSE_LINKS = "compose-link-secret-change-me-0123456789";

    /** The run command's key of destinations' secrets (the base64 of 32 bytes). */
    public static final String LOCAL_DESTINATIONS_KEY = "bG9jYWwtZGV2LWRlc3RpbmF0aW9ucy1rZXktMzJieXQ=";
    /** The key of destinations' secrets in the tests. */
    public static final String TEST_DESTINATIONS_KEY = "dGVzdC1kZXN0aW5hdGlvbnMta2V5LTAxMjM0NTY3ODk=";

    public static final Set<String> ALL = Set.of(
            LOCAL_JWT,
            LOCAL_LINKS,
            TEST_JWT,
            TEST_LINKS,
            TEST_FORGED,
            TEST_DEV_TOKENS,
            OLD_COMPOSE_JWT,
            OLD_COMPOSE_LINKS,
            LOCAL_DESTINATIONS_KEY,
            TEST_DESTINATIONS_KEY);

    private DevSecrets() {}
}
