package com.coaching.exports.shared.view;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.coaching.exports.shared.view.JobView.Failure;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Where the job's file goes besides the service's store, and how far it got. */
@Schema(name = "Delivery")
public record JobDelivery(
        @Schema(requiredMode = REQUIRED) UUID destination,

        @Schema(
                requiredMode = REQUIRED,
                allowableValues = {"PENDING", "DELIVERED", "FAILED"},
                description = "PENDING while it is tried (again), for up to 24 h after the job succeeded")
        String status,

        @Schema(
                description = "where the file is: s3://bucket/key or sftp://host/path; once DELIVERED",
                example = "s3://acme-exports/exports/payments-2026-12-06-1a2b3c4d.csv.gz")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String location,

        @Schema(format = "date-time", description = "once DELIVERED")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Instant deliveredAt,

        @Schema(description = "the last failure: while PENDING the one before the next try; once FAILED the last")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Failure error) {}
