package com.coaching.exports.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens byte for byte as the platform's djangorestframework-simplejwt makes them (PyJWT underneath): the header
 * {@code {"alg":"HS256","typ":"JWT"}}, then the claims in simplejwt's order, {@code token_type}, {@code exp},
 * {@code iat}, {@code jti} (a uuid4 as 32 hex digits) and {@code user_id} as a JSON number; no {@code sub}, no
 * {@code role}. Compact JSON, base64url without padding, HMAC-SHA256 with the signing key.
 */
public final class SimpleJwtTokens {

    /** simplejwt's default lifetimes: ACCESS_TOKEN_LIFETIME and REFRESH_TOKEN_LIFETIME. */
    public static final Duration ACCESS_LIFETIME = Duration.ofMinutes(5);

    public static final Duration REFRESH_LIFETIME = Duration.ofDays(1);

    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String signingKey;

    /** Tokens signed with {@code signingKey}, the platform's SIMPLE_JWT["SIGNING_KEY"]. */
    public SimpleJwtTokens(String signingKey) {
        this.signingKey = signingKey;
    }

    /** {@code AccessToken.for_user(user)}. */
    public String access(long userId) {
        return signed(claims("access", ACCESS_LIFETIME) + ",\"user_id\":" + userId + "}");
    }

    /** {@code RefreshToken.for_user(user)}. */
    public String refresh(long userId) {
        return signed(claims("refresh", REFRESH_LIFETIME) + ",\"user_id\":" + userId + "}");
    }

    /** An access token with every claim but {@code user_id}. */
    public String accessWithoutUser() {
        return signed(claims("access", ACCESS_LIFETIME) + "}");
    }

    /** The claims before {@code user_id}, without the closing brace. */
    private static String claims(String tokenType, Duration lifetime) {
        long now = Instant.now().getEpochSecond();
        byte[] uuid = new byte[16];
        ThreadLocalRandom.current().nextBytes(uuid);
        return "{\"token_type\":\"" + tokenType + "\",\"exp\":" + (now + lifetime.toSeconds()) + ",\"iat\":" + now
                + ",\"jti\":\"" + HexFormat.of().formatHex(uuid) + "\"";
    }

    private String signed(String claimsJson) {
        String signingInput = part(HEADER) + "." + part(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "."
                    + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
