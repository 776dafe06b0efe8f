package com.coaching.exports.api.audit;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The caller's download links issued from {@code from} to {@code to}, counted by day, dataset, job and who. */
@Schema(name = "LinkAudit")
public record AuditView(
        @Schema(requiredMode = REQUIRED, format = "date") LocalDate from,
        @Schema(requiredMode = REQUIRED, format = "date") LocalDate to,

        @Schema(requiredMode = REQUIRED, description = "oldest day first")
        List<Count> items) {

    /** How many links of one job were handed out on one day (UTC) to one kind of recipient. */
    @Schema(name = "LinkCount")
    public record Count(
            @Schema(requiredMode = REQUIRED, format = "date", description = "the UTC day the links were issued")
            LocalDate day,

            @Schema(
                    requiredMode = REQUIRED,
                    allowableValues = {"payments", "subscribers", "trainees"})
            String dataset,

            @Schema(requiredMode = REQUIRED, description = "the job's id; the job may have been deleted since")
            UUID job,

            @Schema(
                    requiredMode = REQUIRED,
                    allowableValues = {"trainer", "emailed link", "webhook link"},
                    description = "who was handed the links, as the job's history names it")
            String by,

            @Schema(requiredMode = REQUIRED, minimum = "1") int links) {}
}
