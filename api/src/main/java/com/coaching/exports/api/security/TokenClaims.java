package com.coaching.exports.api.security;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads the claims of docs/api.md, "Authentication": {@code sub} is the user id (a decimal number, else the
 * token is invalid: 401) and {@code role} becomes the one authority {@code ROLE_<role>}.
 */
class TokenClaims implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLE = "role";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || !subject.matches("[0-9]{1,18}")) {
            throw new InvalidBearerTokenException("The token's sub must be a user id.");
        }
        String role = jwt.getClaimAsString(ROLE);
        var authorities =
                role == null ? List.<SimpleGrantedAuthority>of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
        return new JwtAuthenticationToken(jwt, authorities, subject);
    }
}
