package com.coaching.exports.shared.destination;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a trainer's files are delivered: their own S3 bucket or SFTP server. A destination holds its
 * secrets in the clear only in memory; {@link Destinations} stores them sealed, and {@code toString}
 * never shows them.
 */
public sealed interface Destination {

    UUID id();

    long trainerId();

    String name();

    Instant createdAt();

    /** {@code s3} or {@code sftp}. */
    String type();

    /** What may be shown and stored in the clear: every field but the secrets. */
    Map<String, Object> settings();

    /** The secrets, to be sealed. */
    Map<String, String> secrets();

    /**
     * A bucket of S3 or of an S3-compatible store.
     *
     * @param endpoint {@code null}: AWS
     * @param prefix put before each file's name; empty or ending in {@code /}
     */
    record S3(
            UUID id,
            long trainerId,
            String name,
            @Nullable URI endpoint,
            String region,
            String bucket,
            String prefix,
            boolean pathStyle,
            String accessKeyId,
            String secretAccessKey,
            Instant createdAt)
            implements Destination {

        @Override
        public String type() {
            return "s3";
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> settings = new LinkedHashMap<>();
            if (endpoint != null) {
                settings.put("endpoint", endpoint.toString());
            }
            settings.put("region", region);
            settings.put("bucket", bucket);
            settings.put("prefix", prefix);
            settings.put("pathStyle", pathStyle);
            settings.put("accessKeyId", accessKeyId);
            return settings;
        }

        @Override
        public Map<String, String> secrets() {
            return Map.of("secretAccessKey", secretAccessKey);
        }

        @Override
        public String toString() {
            return "S3[id=" + id + ", bucket=" + bucket + "]";
        }
    }

    /**
     * A directory on an SFTP server whose host key is pinned.
     *
     * @param password {@code null} when a private key authenticates
     * @param privateKey an OpenSSH private key, {@code null} when a password authenticates
     * @param hostKeyFingerprint {@code SHA256:} and the unpadded base64 of the host key's SHA-256, as
     *     {@code ssh-keygen -lf} prints it
     */
    record Sftp(
            UUID id,
            long trainerId,
            String name,
            String host,
            int port,
            String username,
            @Nullable String password,
            @Nullable String privateKey,
            String hostKeyFingerprint,
            String directory,
            Instant createdAt)
            implements Destination {

        @Override
        public String type() {
            return "sftp";
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("host", host);
            settings.put("port", port);
            settings.put("username", username);
            settings.put("authentication", password != null ? "password" : "privateKey");
            settings.put("hostKeyFingerprint", hostKeyFingerprint);
            settings.put("directory", directory);
            return settings;
        }

        @Override
        public Map<String, String> secrets() {
            Map<String, String> secrets = new LinkedHashMap<>();
            if (password != null) {
                secrets.put("password", password);
            }
            if (privateKey != null) {
                secrets.put("privateKey", privateKey);
            }
            return secrets;
        }

        @Override
        public String toString() {
            return "Sftp[id=" + id + ", host=" + host + "]";
        }
    }
}
