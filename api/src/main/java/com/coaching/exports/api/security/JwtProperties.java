package com.coaching.exports.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token checking. Either the HS256 secret ({@code EXPORTS_JWT_SECRET}, at least 32 bytes), or, without
 * it, the standard resource-server settings (issuer or JWK set URI); never both ({@link TokenSettingsCheck}).
 *
 * @param secret the HS256 key
 * @param audience on the issuer/JWK path, the value a token's {@code aud} must contain (when set)
 */
@ConfigurationProperties("exports.jwt")
public record JwtProperties(String secret, String audience) {}
