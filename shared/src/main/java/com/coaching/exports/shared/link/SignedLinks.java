package com.coaching.exports.shared.link;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Download links that need no bearer token: {@code /api/v1/exports/{id}/file?expires=…&signature=…},
 * HMAC-SHA256 over the job id and the expiry, valid until the file's retention ends.
 */
@Component
@EnableConfigurationProperties(LinkProperties.class)
public class SignedLinks {

    /** The path of a signed link: the API serves it, the worker mails it, the security rules let it in. */
    public static final String PATH = "/api/v1/exports/{id}/file";

    private final LinkProperties properties;
    private final byte @Nullable [] key;

    public SignedLinks(LinkProperties properties) {
        this.properties = properties;
        String secret = properties.secret();
        this.key = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The link for a job whose file is kept until {@code expires}. */
    public URI linkTo(UUID jobId, Instant expires) {
        long seconds = expires.getEpochSecond();
        return properties
                .baseUrl()
                .resolve(PATH.replace("{id}", jobId.toString()) + "?expires=" + seconds + "&signature="
                        + sign(jobId, seconds));
    }

    /** Whether the signature is the one this service made for that job and expiry. */
    public boolean verify(UUID jobId, long expires, @Nullable String signature) {
        if (key == null || signature == null) {
            return false;
        }
        byte[] expected = sign(jobId, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(UUID jobId, long expires) {
        if (key == null) {
            throw new IllegalStateException("exports.links.secret (EXPORTS_LINKS_SECRET) is not set");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((jobId + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
