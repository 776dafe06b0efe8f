package com.coaching.exports.api.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token checking. Either the HS256 secret ({@code EXPORTS_JWT_SECRET}, at least 32 bytes), or, without
 * it, the standard resource-server settings (issuer or JWK set URI); never both ({@link TokenSettingsCheck}).
 *
 * <p>{@code audience} and {@code issuer} are checked on both paths when set, and not at all when not. Beside
 * Boot's {@code issuer-uri}, which already requires {@code iss} to be that URI, {@code issuer} must be the
 * same value ({@link TokenSettingsCheck}); it is for the secret path and the JWK-set path, which check no
 * issuer of their own.
 *
 * @param secret the HS256 key
 * @param audience the value a token's {@code aud} must contain (when set)
 * @param issuer the value a token's {@code iss} must be (when set)
 */
@ConfigurationProperties("exports.jwt")
public record JwtProperties(
        @Nullable String secret,
        @Nullable String audience,
        @Nullable String issuer) {}
