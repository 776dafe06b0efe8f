package com.coaching.exports.api.destination;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.FieldProblem;
import com.coaching.exports.shared.destination.Destination;
import com.coaching.exports.shared.destination.DestinationNetwork;
import com.coaching.exports.shared.destination.Transfers;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/destinations}: an S3 bucket ({@code type} {@code s3}) or an SFTP
 * directory ({@code sftp}), each with the fields of its type only (docs/api.md, "Destinations").
 */
@Schema(name = "DestinationRequest")
public record DestinationRequest(
        @Schema(
                description = "required",
                allowableValues = {"s3", "sftp"})
        @Nullable
        String type,

        @Schema(description = "required: how the trainer calls it, at most 100 characters") @Nullable
        String name,

        @Schema(description = "s3: an http(s) URL of an S3-compatible store; absent: AWS") @Nullable
        String endpoint,

        @Schema(description = "s3: required", example = "eu-central-1") @Nullable
        String region,

        @Schema(description = "s3: required") @Nullable String bucket,

        @Schema(description = "s3: put before each file's name; a / is added when missing", example = "exports/")
        @Nullable
        String prefix,

        @Schema(description = "s3: path-style requests (MinIO and most S3-compatible stores); default false") @Nullable
        Boolean pathStyle,

        @Schema(description = "s3: required") @Nullable String accessKeyId,

        @Schema(description = "s3: required; never shown again") @Nullable
        String secretAccessKey,

        @Schema(description = "sftp: required, a host name or address") @Nullable
        String host,

        @Schema(description = "sftp: default 22") @Nullable Integer port,
        @Schema(description = "sftp: required") @Nullable String username,

        @Schema(description = "sftp: this or privateKey; never shown again") @Nullable
        String password,

        @Schema(description = "sftp: this or password, an unencrypted OpenSSH private key; never shown again") @Nullable
        String privateKey,

        @Schema(description = "sftp: required, the server's host key as ssh-keygen -lf prints it", example = "SHA256:…")
        @Nullable
        String hostKeyFingerprint,

        @Schema(description = "sftp: required, where files are written", example = "/upload") @Nullable
        String directory) {

    static final int MAX_NAME = 100;
    static final int MAX_TEXT = 1000;
    /** S3's bucket names: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    /** {@code SHA256:} and 43 characters of unpadded base64: how OpenSSH prints a SHA-256 fingerprint. */
    static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");

    /** Checks every field, naming each at fault, and makes the destination. */
    Destination validate(DestinationNetwork network, UUID id, long trainerId, Instant now) {
        List<FieldProblem> errors = new ArrayList<>();
        if (type == null || !(type.equals("s3") || type.equals("sftp"))) {
            errors.add(new FieldProblem("type", "is required: s3 or sftp"));
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            errors.add(new FieldProblem("name", "is required: at most " + MAX_NAME + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Destination destination =
                "s3".equals(type) ? s3(network, id, trainerId, now, errors) : sftp(network, id, trainerId, now, errors);
        if (!errors.isEmpty() || destination == null) {
            throw ApiException.invalid(errors);
        }
        return destination;
    }

    @SuppressWarnings("NullAway") // a field passed on was checked present, or errors is not empty and none is
    private Destination.@Nullable S3 s3(
            DestinationNetwork network, UUID id, long trainerId, Instant now, List<FieldProblem> errors) {
        notOfType("sftp", errors, "host", host, "port", port, "username", username, "password", password);
        notOfType(
                "sftp",
                errors,
                "privateKey",
                privateKey,
                "hostKeyFingerprint",
                hostKeyFingerprint,
                "directory",
                directory);
        URI uri = endpoint == null ? null : endpoint(network, errors);
        if (region == null || !REGION.matcher(region).matches()) {
            errors.add(new FieldProblem("region", "is required: a region such as eu-central-1"));
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            errors.add(new FieldProblem(
                    "bucket",
                    "is required: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at each end"));
        }
        String folder = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        if (prefix != null && (prefix.startsWith("/") || prefix.length() > MAX_TEXT)) {
            errors.add(new FieldProblem("prefix", "must not start with / and be at most " + MAX_TEXT + " characters"));
        }
        required("accessKeyId", accessKeyId, errors);
        required("secretAccessKey", secretAccessKey, errors);
        return errors.isEmpty()
                ? new Destination.S3(
                        id,
                        trainerId,
                        name,
                        uri,
                        region,
                        bucket,
                        folder,
                        Boolean.TRUE.equals(pathStyle),
                        accessKeyId,
                        secretAccessKey,
                        now)
                : null;
    }

    private @Nullable URI endpoint(DestinationNetwork network, List<FieldProblem> errors) {
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute()
                    || !(scheme.equals("https") || scheme.equals("http"))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                errors.add(new FieldProblem(
                        "endpoint", "must be an http or https URL with a host, and nothing after the path"));
                return null;
            }
            network.refusal(uri.getHost()).ifPresent(why -> errors.add(new FieldProblem("endpoint", "host " + why)));
            return uri;
        } catch (URISyntaxException e) {
            errors.add(new FieldProblem("endpoint", "must be an http or https URL"));
            return null;
        }
    }

    @SuppressWarnings("NullAway") // a field passed on was checked present, or errors is not empty and none is
    private Destination.@Nullable Sftp sftp(
            DestinationNetwork network, UUID id, long trainerId, Instant now, List<FieldProblem> errors) {
        notOfType("s3", errors, "endpoint", endpoint, "region", region, "bucket", bucket, "prefix", prefix);
        notOfType("s3", errors, "pathStyle", pathStyle, "accessKeyId", accessKeyId, "secretAccessKey", secretAccessKey);
        if (host == null || !HOST.matcher(host).matches()) {
            errors.add(new FieldProblem("host", "is required: a host name or address"));
        } else {
            network.refusal(host).ifPresent(why -> errors.add(new FieldProblem("host", why)));
        }
        int chosenPort = port == null ? 22 : port;
        if (chosenPort < 1 || chosenPort > 65535) {
            errors.add(new FieldProblem("port", "must be between 1 and 65535"));
        }
        required("username", username, errors);
        if ((password == null) == (privateKey == null)) {
            errors.add(new FieldProblem(
                    password == null ? "password" : "privateKey", "give either password or privateKey"));
        } else if (password != null && (password.isEmpty() || password.length() > MAX_TEXT)) {
            errors.add(new FieldProblem("password", "must be 1 to " + MAX_TEXT + " characters"));
        } else if (privateKey != null && !Transfers.readablePrivateKey(privateKey)) {
            errors.add(new FieldProblem(
                    "privateKey", "must be an unencrypted OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----)"));
        }
        if (hostKeyFingerprint == null
                || !FINGERPRINT.matcher(hostKeyFingerprint).matches()) {
            errors.add(new FieldProblem(
                    "hostKeyFingerprint", "is required: SHA256: and the key's base64, as ssh-keygen -lf prints it"));
        }
        if (directory == null
                || directory.isBlank()
                || directory.length() > MAX_TEXT
                || directory.chars().anyMatch(c -> c < 0x20)) {
            errors.add(new FieldProblem("directory", "is required: a path such as /upload"));
        }
        return errors.isEmpty()
                ? new Destination.Sftp(
                        id,
                        trainerId,
                        name,
                        host,
                        chosenPort,
                        username,
                        password,
                        privateKey,
                        hostKeyFingerprint,
                        directory,
                        now)
                : null;
    }

    private static void required(String field, @Nullable String value, List<FieldProblem> errors) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            errors.add(new FieldProblem(field, "is required: at most " + MAX_TEXT + " characters"));
        }
    }

    /** Each given field (name, value pairs) that belongs to the other type is a problem. */
    private static void notOfType(String owner, List<FieldProblem> errors, @Nullable Object... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                errors.add(new FieldProblem((String) fields[i], "applies to type " + owner + " only"));
            }
        }
    }
}
