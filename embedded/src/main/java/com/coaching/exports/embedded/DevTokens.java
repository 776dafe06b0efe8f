package com.coaching.exports.embedded;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * HMAC-signed JWTs for the local run and the tests, standing in for the real identity provider.
 * The key is the UTF-8 bytes of {@code secret}; HS256 needs at least 32 of them (HS384: 48, HS512: 64).
 */
public final class DevTokens {

    private DevTokens() {}

    /** A compact HS256 token with claims {@code sub}, {@code role}, {@code iat} (now) and {@code exp} (now + ttl). */
    public static String forUser(String secret, String sub, String role, Duration ttl) {
        Instant now = Instant.now();
        return signed(
                secret,
                new JWTClaimsSet.Builder()
                        .subject(sub)
                        .claim("role", role)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(ttl)))
                        .build());
    }

    /** Any claims, HS256. For tokens that are expired, lack a claim, carry a wrong role... */
    public static String signed(String secret, JWTClaimsSet claims) {
        return signed(secret, JWSAlgorithm.HS256, claims);
    }

    /** Any claims, signed with the given HMAC algorithm (HS256, HS384 or HS512), named in the header. */
    public static String signed(String secret, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException ex) {
            throw new IllegalArgumentException("Cannot sign with " + algorithm + ": " + ex.getMessage(), ex);
        }
        return jwt.serialize();
    }

    /** An unsecured token ({@code "alg":"none"}, empty signature), which a resource server must refuse. */
    public static String unsecured(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
