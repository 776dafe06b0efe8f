package com.coaching.exports.api.web;

/** One field at fault in a request: its name (a body field, query parameter, path variable or header) and why. */
public record FieldProblem(String field, String message) {
}
