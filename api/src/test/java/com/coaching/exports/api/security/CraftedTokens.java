package com.coaching.exports.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWTs built byte by byte, for what a well-behaved library will not sign: any header, claims that
 * are not what the contract says (a numeric {@code sub}, a {@code role} array), HS384/HS512 with a
 * key shorter than the algorithm wants, a payload swapped under someone else's signature.
 */
final class CraftedTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private CraftedTokens() {}

    /** Header {@code {"alg": <algorithm>, "typ": "JWT"}} and the given claims, MACed with the secret. */
    static String hmac(String algorithm, String secret, String claimsJson) {
        String signingInput = part("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}") + "." + part(claimsJson);
        return signingInput + "." + BASE64URL.encodeToString(mac(algorithm, secret, signingInput));
    }

    /** An unsigned token whose header names the given algorithm ("none", "None"...) and whose signature is empty. */
    static String unsigned(String algorithm, String claimsJson) {
        return part("{\"alg\":\"" + algorithm + "\"}") + "." + part(claimsJson) + ".";
    }

    /** The token with its claims replaced and its signature kept: what a forger who edits a token sends. */
    static String withClaims(String token, String claimsJson) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(claimsJson) + "." + parts[2];
    }

    /** Claims {@code sub} (a JSON string), {@code role} and {@code exp} one hour from now. */
    static String claims(String subject, String role) {
        return "{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"exp\":" + inAnHour() + "}";
    }

    static long inAnHour() {
        return System.currentTimeMillis() / 1000 + 3600;
    }

    private static String part(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(String algorithm, String secret, String signingInput) {
        String javaName = switch (algorithm) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("not an HMAC algorithm: " + algorithm);
        };
        try {
            Mac mac = Mac.getInstance(javaName);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaName));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
