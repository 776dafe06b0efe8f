package com.coaching.exports.api.export;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.coaching.exports.shared.view.JobView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of the caller's jobs, newest first. */
public record JobPage(
        @Schema(requiredMode = REQUIRED) List<JobView> items,

        @Schema(requiredMode = REQUIRED, description = "from 0")
        int page,

        @Schema(requiredMode = REQUIRED, description = "1..100")
        int size,

        @Schema(requiredMode = REQUIRED) long totalItems,
        @Schema(requiredMode = REQUIRED) long totalPages) {}
