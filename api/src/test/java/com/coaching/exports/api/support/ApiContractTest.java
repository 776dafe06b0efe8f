package com.coaching.exports.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.testkit.ApiContract;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check every API test's answers go through catches what a generated client would trip on. */
class ApiContractTest {

    private static final ApiContract CONTRACT = ApiContract.ofDocument("""
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {"/api/jobs/{id}": {"get": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {
                  "200": {"description": "job",
                          "headers": {"Retry-After": {"required": true, "schema": {"type": "integer"}}},
                          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}},
                  "404": {"description": "none",
                          "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
             "components": {"schemas": {
                "Job": {"type": "object", "required": ["id", "startedAt"],
                        "properties": {"id": {"type": "string"},
                                       "startedAt": {"type": ["string", "null"], "format": "date-time"},
                                       "finishedAt": {"type": "string", "format": "date-time"}}},
                "Problem": {"type": "object", "required": ["type", "status"],
                            "properties": {"type": {"type": "string", "format": "uri-reference"},
                                           "status": {"type": "integer"}}}}}}
            """);
    private static final URI JOB = URI.create("http://localhost/api/jobs/1");

    private static List<String> answer(int status, String contentType, String body) {
        return CONTRACT.mismatches(
                "GET", JOB, status, Map.of("Content-Type", List.of(contentType), "Retry-After", List.of("2")), body);
    }

    @Test
    void the_documented_answer_passes_with_null_where_the_schema_allows_it() {
        assertThat(answer(200, "application/json", "{\"id\": \"1\", \"startedAt\": null}"))
                .isEmpty();
        assertThat(answer(200, "application/json", "{\"id\": \"1\", \"startedAt\": \"2026-01-01T00:00:00Z\"}"))
                .isEmpty();
        assertThat(answer(404, "application/problem+json", "{\"type\": \"/problems/x\", \"status\": 404}"))
                .isEmpty();
    }

    @Test
    void null_where_the_schema_says_string_is_a_mismatch() {
        assertThat(answer(200, "application/json", "{\"id\": \"1\", \"startedAt\": null, \"finishedAt\": null}"))
                .isNotEmpty();
    }

    @Test
    void a_missing_required_field_a_wrong_type_and_an_undocumented_field_are_mismatches() {
        assertThat(answer(200, "application/json", "{\"startedAt\": null}")).isNotEmpty();
        assertThat(answer(200, "application/json", "{\"id\": 1, \"startedAt\": null}"))
                .isNotEmpty();
        assertThat(answer(200, "application/json", "{\"id\": \"1\", \"startedAt\": null, \"extra\": 1}"))
                .isNotEmpty();
    }

    @Test
    void an_undocumented_status_media_type_or_missing_header_is_a_mismatch() {
        assertThat(answer(500, "application/problem+json", "{\"type\": \"/problems/x\", \"status\": 500}"))
                .isNotEmpty();
        assertThat(answer(200, "application/yaml", "id: '1'\nstartedAt: null\n"))
                .isNotEmpty();
        assertThat(CONTRACT.mismatches(
                        "GET",
                        JOB,
                        200,
                        Map.of("Content-Type", List.of("application/json")),
                        "{\"id\": \"1\", \"startedAt\": null}"))
                .isNotEmpty();
    }

    @Test
    void an_answer_to_an_undocumented_method_must_be_a_problem() {
        Map<String, List<String>> problemJson = Map.of("Content-Type", List.of("application/problem+json"));
        assertThat(CONTRACT.mismatches("PUT", JOB, 405, problemJson, "{\"type\": \"/problems/m\", \"status\": 405}"))
                .isEmpty();
        assertThat(CONTRACT.mismatches("PUT", JOB, 405, problemJson, "{\"status\": \"405\"}"))
                .isNotEmpty();
        assertThat(CONTRACT.mismatches("PUT", JOB, 200, Map.of("Content-Type", List.of("application/json")), "{}"))
                .isNotEmpty();
    }
}
