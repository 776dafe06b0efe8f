package com.coaching.exports.api.security;

import com.coaching.exports.shared.secret.SecretSettings;
import com.coaching.exports.shared.secret.SettingsCheck;
import com.coaching.exports.shared.secret.UnsafeSettingException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The API starts only with one way of checking tokens: a safe {@code EXPORTS_JWT_SECRET}, or an issuer or
 * JWK set. Neither, or both, is a refusal naming the settings rather than a silent choice; so is an expected
 * issuer ({@code EXPORTS_JWT_ISSUER}) other than the issuer URI, which no token could satisfy, and so are
 * user-claim, required-claims and role-source settings it cannot read ({@link PlatformTokenSettings}).
 */
@Component
class TokenSettingsCheck extends SettingsCheck {

    static final String SECRET = "exports.jwt.secret";
    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String EXPECTED_ISSUER = "exports.jwt.issuer";
    static final String USER_CLAIM = "exports.jwt.user-claim";
    static final String REQUIRED_CLAIMS = "exports.jwt.required-claims";
    static final String ROLE_SOURCE = "exports.jwt.role-source";
    static final String ROLE_QUERY_TIMEOUT = "exports.jwt.role-query-timeout";

    @Override
    protected void check(Environment environment) {
        boolean secret = environment.containsProperty(SECRET);
        boolean issuer = StringUtils.hasText(environment.getProperty(ISSUER_URI))
                || StringUtils.hasText(environment.getProperty(JWK_SET_URI));
        if (secret && issuer) {
            throw new UnsafeSettingException(
                    "EXPORTS_JWT_SECRET",
                    "is set beside SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI or _JWK_SET_URI: tokens are"
                            + " checked one way only.",
                    "Keep EXPORTS_JWT_SECRET (HS256 tokens the platform signs with it) or the issuer/JWK settings"
                            + " (tokens from an identity provider), not both.");
        }
        if (!issuer) {
            SecretSettings.require(environment, SECRET, "EXPORTS_JWT_SECRET");
        }
        String issuerUri = environment.getProperty(ISSUER_URI);
        String expectedIssuer = environment.getProperty(EXPECTED_ISSUER);
        if (StringUtils.hasText(issuerUri)
                && StringUtils.hasText(expectedIssuer)
                && !issuerUri.equals(expectedIssuer)) {
            throw new UnsafeSettingException(
                    "EXPORTS_JWT_ISSUER",
                    "differs from SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI: no token could have both as"
                            + " its iss.",
                    "Leave EXPORTS_JWT_ISSUER unset (the issuer URI is checked already) or set it to the same value.");
        }
        PlatformTokenSettings.check(environment);
    }
}
