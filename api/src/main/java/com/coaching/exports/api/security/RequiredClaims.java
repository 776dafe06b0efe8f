package com.coaching.exports.api.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

/**
 * {@code EXPORTS_JWT_REQUIRED_CLAIMS}: {@code name=value} pairs, comma-separated, such as {@code token_type=access},
 * each a claim a token must carry with exactly that value. A claim that is a string must equal it; a number or a
 * boolean must read as it; anything else (an array, an object, no claim) does not match.
 */
final class RequiredClaims {

    private RequiredClaims() {}

    /** The pairs of the setting, in order; none for an unset or blank one. */
    static Map<String, String> parse(@Nullable String setting) {
        Map<String, String> claims = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return claims;
        }
        for (String pair : setting.split(",", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? "" : pair.substring(0, equals).strip();
            String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (name.isEmpty() || value.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("has \"" + pair.strip() + "\", which is not name=value");
            }
            String earlier = claims.putIfAbsent(name, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new IllegalArgumentException("asks " + name + " to be both " + earlier + " and " + value);
            }
        }
        return claims;
    }

    /** A validator for each claim of the setting: a token without the exact value is invalid (401). */
    static List<OAuth2TokenValidator<Jwt>> validators(@Nullable String setting) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        parse(setting)
                .forEach((name, value) ->
                        validators.add(new JwtClaimValidator<Object>(name, claim -> value.equals(text(claim)))));
        return validators;
    }

    private static @Nullable String text(@Nullable Object claim) {
        return claim instanceof String || claim instanceof Number || claim instanceof Boolean ? claim.toString() : null;
    }
}
