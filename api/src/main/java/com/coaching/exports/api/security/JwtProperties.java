package com.coaching.exports.api.security;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token checking. Either the HS256 secret ({@code EXPORTS_JWT_SECRET}, at least 32 bytes), or, without
 * it, the standard resource-server settings (issuer or JWK set URI); never both ({@link TokenSettingsCheck}).
 *
 * <p>{@code audience} and {@code issuer} are checked on both paths when set, and not at all when not. Beside
 * Boot's {@code issuer-uri}, which already requires {@code iss} to be that URI, {@code issuer} must be the
 * same value ({@link TokenSettingsCheck}); it is for the secret path and the JWK-set path, which check no
 * issuer of their own. The user claim, the required claims and the role source hold on both paths too.
 *
 * @param secret the HS256 key
 * @param audience the value a token's {@code aud} must contain (when set)
 * @param issuer the value a token's {@code iss} must be (when set)
 * @param userClaim the claim that holds the user id: {@code sub}, or {@code user_id} for the platform's tokens
 * @param requiredClaims {@code name=value,…}: claims a token must carry with exactly that value ({@link RequiredClaims})
 * @param roleSource where a user's role is read: the token's {@code role} claim, or {@code users.role}
 * @param roleQueryTimeout how long the {@code users.role} query may take (whole seconds, at least one)
 */
@ConfigurationProperties("exports.jwt")
public record JwtProperties(
        @Nullable String secret,
        @Nullable String audience,
        @Nullable String issuer,
        @DefaultValue("sub") String userClaim,
        @Nullable String requiredClaims,
        @DefaultValue("claim") RoleSource roleSource,
        @DefaultValue("2s") Duration roleQueryTimeout) {

    @ConstructorBinding
    public JwtProperties {}

    /** The default user claim, no required claims, the role from the token: the settings before the platform's. */
    public JwtProperties(@Nullable String secret, @Nullable String audience, @Nullable String issuer) {
        this(secret, audience, issuer, "sub", null, RoleSource.CLAIM, Duration.ofSeconds(2));
    }

    /** Where a user's role comes from ({@code EXPORTS_JWT_ROLE_SOURCE}). */
    public enum RoleSource {
        /** the token's {@code role} claim */
        CLAIM,
        /** {@code users.role} in the source database ({@link UserRoles}) */
        DATABASE
    }
}
