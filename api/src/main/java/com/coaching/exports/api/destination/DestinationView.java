package com.coaching.exports.api.destination;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.coaching.exports.shared.destination.Destination;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A destination as its trainer sees it: the fields of its type, never a secret. */
@Schema(name = "Destination")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DestinationView(
        @Schema(requiredMode = REQUIRED) UUID id,

        @Schema(
                requiredMode = REQUIRED,
                allowableValues = {"s3", "sftp"})
        String type,

        @Schema(requiredMode = REQUIRED) String name,
        @Schema(requiredMode = REQUIRED) Instant createdAt,
        @Schema(description = "s3, when given") @Nullable String endpoint,
        @Schema(description = "s3") @Nullable String region,
        @Schema(description = "s3") @Nullable String bucket,

        @Schema(description = "s3: empty, or ending in /") @Nullable
        String prefix,

        @Schema(description = "s3") @Nullable Boolean pathStyle,
        @Schema(description = "s3") @Nullable String accessKeyId,
        @Schema(description = "sftp") @Nullable String host,
        @Schema(description = "sftp") @Nullable Integer port,
        @Schema(description = "sftp") @Nullable String username,

        @Schema(
                description = "sftp: which secret authenticates",
                allowableValues = {"password", "privateKey"})
        @Nullable
        String authentication,

        @Schema(description = "sftp") @Nullable String hostKeyFingerprint,
        @Schema(description = "sftp") @Nullable String directory) {

    static DestinationView of(Destination destination) {
        if (destination instanceof Destination.S3 s3) {
            return new DestinationView(
                    s3.id(),
                    s3.type(),
                    s3.name(),
                    s3.createdAt(),
                    s3.endpoint() == null ? null : s3.endpoint().toString(),
                    s3.region(),
                    s3.bucket(),
                    s3.prefix(),
                    s3.pathStyle(),
                    s3.accessKeyId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        Destination.Sftp sftp = (Destination.Sftp) destination;
        return new DestinationView(
                sftp.id(),
                sftp.type(),
                sftp.name(),
                sftp.createdAt(),
                null,
                null,
                null,
                null,
                null,
                null,
                sftp.host(),
                sftp.port(),
                sftp.username(),
                sftp.password() != null ? "password" : "privateKey",
                sftp.hostKeyFingerprint(),
                sftp.directory());
    }

    /** The caller's destinations, oldest first. */
    @Schema(name = "DestinationList")
    public record Listed(@Schema(requiredMode = REQUIRED) List<DestinationView> items) {}

    /** What {@code POST /api/v1/destinations/{id}/test} found. */
    @Schema(name = "DestinationTest")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tested(
            @Schema(requiredMode = REQUIRED) boolean ok,

            @Schema(description = "only when not ok: why, in a sentence") @Nullable
            String reason) {}
}
