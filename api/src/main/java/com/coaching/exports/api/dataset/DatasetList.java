package com.coaching.exports.api.dataset;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answer of {@code GET /api/v1/datasets}. */
public record DatasetList(@Schema(requiredMode = REQUIRED) List<DatasetView> datasets) {}
