package com.coaching.exports.api.security;

import com.coaching.exports.shared.secret.UnsafeSettingException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * The settings that fit the service to the platform's own tokens ({@code EXPORTS_JWT_USER_CLAIM},
 * {@code _REQUIRED_CLAIMS}, {@code _ROLE_SOURCE}, {@code _ROLE_QUERY_TIMEOUT}): a value that cannot mean what
 * an operator wanted stops the API, naming the setting, rather than letting every token through or none.
 */
final class PlatformTokenSettings {

    private PlatformTokenSettings() {}

    static void check(Environment environment) {
        String userClaim = environment.getProperty(TokenSettingsCheck.USER_CLAIM);
        if (userClaim != null && (userClaim.isBlank() || userClaim.chars().anyMatch(Character::isWhitespace))) {
            throw new UnsafeSettingException(
                    "EXPORTS_JWT_USER_CLAIM",
                    "is \"" + userClaim + "\", which is no claim name.",
                    "Name the claim that holds the user id: sub (the default) or user_id (the platform's tokens).");
        }
        try {
            RequiredClaims.parse(environment.getProperty(TokenSettingsCheck.REQUIRED_CLAIMS));
        } catch (IllegalArgumentException e) {
            throw new UnsafeSettingException(
                    "EXPORTS_JWT_REQUIRED_CLAIMS",
                    e.getMessage() + ".",
                    "Write name=value pairs separated by commas, e.g. token_type=access, or leave it unset.");
        }
        String roleSource = environment.getProperty(TokenSettingsCheck.ROLE_SOURCE);
        if (roleSource != null && !isRoleSource(roleSource)) {
            throw new UnsafeSettingException(
                    "EXPORTS_JWT_ROLE_SOURCE",
                    "is \"" + roleSource + "\", neither claim nor database.",
                    "Set claim (the token's role claim, the default) or database (users.role in the source database).");
        }
        checkQueryTimeout(environment);
    }

    private static boolean isRoleSource(String value) {
        try {
            JwtProperties.RoleSource.valueOf(value.strip().toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkQueryTimeout(Environment environment) {
        Duration timeout;
        try {
            timeout = environment.getProperty(TokenSettingsCheck.ROLE_QUERY_TIMEOUT, Duration.class);
        } catch (RuntimeException e) {
            timeout = Duration.ZERO;
        }
        if (timeout != null && (timeout.toSeconds() < 1 || timeout.toSeconds() > Integer.MAX_VALUE)) {
            throw new UnsafeSettingException(
                    "EXPORTS_JWT_ROLE_QUERY_TIMEOUT",
                    "is \"" + environment.getProperty(TokenSettingsCheck.ROLE_QUERY_TIMEOUT)
                            + "\", not a duration of at least one second.",
                    "Set a duration such as 2s (the default): the users.role query may take that long.");
        }
    }
}
