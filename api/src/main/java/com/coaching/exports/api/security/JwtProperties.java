package com.coaching.exports.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Local token checking: the HS256 secret ({@code EXPORTS_JWT_SECRET}, at least 32 bytes). Without it,
 * the standard resource-server settings (issuer or JWK set URI) configure the decoder.
 */
@ConfigurationProperties("exports.jwt")
public record JwtProperties(String secret) {
}
