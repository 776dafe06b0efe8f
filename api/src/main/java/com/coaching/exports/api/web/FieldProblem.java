package com.coaching.exports.api.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/** One field at fault in a request: its name (a body field, query parameter, path variable or header) and why. */
public record FieldProblem(
        @Schema(requiredMode = REQUIRED) String field,
        @Schema(requiredMode = REQUIRED) String message) {}
