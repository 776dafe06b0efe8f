package com.coaching.exports.api.security;

import java.math.BigInteger;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads the claims of docs/api.md, "Authentication": the user claim ({@code sub} unless
 * {@code EXPORTS_JWT_USER_CLAIM} names another) is the user id, a decimal number as a string or a JSON integer,
 * else the token is invalid (401); the role, from the {@code role} claim or from {@code users.role}
 * ({@link UserRoles}), becomes the one authority {@code ROLE_<role>}.
 */
class TokenClaims implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLE = "role";

    private final String userClaim;
    private final @Nullable UserRoles roles;

    /** {@code sub} and the {@code role} claim: the default settings. */
    TokenClaims() {
        this("sub", null);
    }

    /** The user in {@code userClaim}; the role from {@code roles}, or from the token when that is null. */
    TokenClaims(String userClaim, @Nullable UserRoles roles) {
        this.userClaim = userClaim;
        this.roles = roles;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String user = userId(jwt.getClaims().get(userClaim));
        if (user == null) {
            throw new InvalidBearerTokenException("The token's " + userClaim + " must be a user id.");
        }
        String role = role(jwt, user);
        var authorities =
                role == null ? List.<SimpleGrantedAuthority>of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
        return new JwtAuthenticationToken(jwt, authorities, user);
    }

    private @Nullable String role(Jwt jwt, String user) {
        if (roles == null) {
            return jwt.getClaimAsString(ROLE);
        }
        try {
            return roles.roleOf(Long.parseLong(user));
        } catch (DataAccessException e) {
            throw new RoleLookupUnavailableException(e);
        }
    }

    /** The id as its decimal digits (so that it parses as a long), or null when the claim is no user id. */
    private static @Nullable String userId(@Nullable Object claim) {
        // simplejwt writes user_id as a JSON number; Spring has already made a numeric sub a string
        String text = claim instanceof String
                        || claim instanceof Long
                        || claim instanceof Integer
                        || claim instanceof BigInteger
                ? claim.toString()
                : null;
        return text != null && text.matches("[0-9]{1,18}") ? text : null;
    }
}
