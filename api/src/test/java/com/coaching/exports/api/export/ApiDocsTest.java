package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description at /v3/api-docs, read as a client generator would, with no token. */
@ApiTest
class ApiDocsTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    ApiClient anonymous;
    JsonNode spec;

    @BeforeEach
    void readTheSpec() {
        anonymous = ApiClient.onPort(port, null);
        Response response = anonymous.get("/v3/api-docs");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        spec = response.json();
    }

    @Test
    void the_spec_is_valid_openapi_3_1() throws Exception {
        String document = anonymous.get("/v3/api-docs").body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/api-docs.json"), document);

        assertThat(spec.path("openapi").asString()).startsWith("3.1.");
        assertThat(new OpenAPIV3Parser()
                        .readContents(document, null, new ParseOptions())
                        .getMessages())
                .isEmpty();
        List<String> faults = new ArrayList<>();
        spec.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> operation
                                .getValue()
                                .path("responses")
                                .properties()
                                .forEach(response -> {
                                    String where = operation.getKey() + " " + path.getKey() + " " + response.getKey();
                                    if (!response.getValue().path("description").isString()) {
                                        faults.add(where + ": a response needs a description");
                                    }
                                    // OpenAPI 3.1, Header Object: exactly one of schema and content
                                    response.getValue()
                                            .path("headers")
                                            .properties()
                                            .forEach(header -> {
                                                if (header.getValue().has("schema")
                                                        == header.getValue().has("content")) {
                                                    faults.add(where + " header " + header.getKey()
                                                            + ": needs a schema (or content)");
                                                }
                                            });
                                })));
        checkTypes(spec, "", faults);
        assertThat(faults).isEmpty();
    }

    /** Every {@code type} is a JSON Schema type, or a list of them (3.1 spells nullable as a list with "null"). */
    private static void checkTypes(JsonNode node, String where, List<String> faults) {
        Set<String> types = Set.of("string", "integer", "number", "boolean", "object", "array", "null");
        if (node.isObject() && node.has("type") && !where.endsWith("/properties")) {
            JsonNode type = node.get("type");
            boolean valid = type.isString()
                    ? types.contains(type.asString())
                    : type.isArray() && type.valueStream().allMatch(t -> types.contains(t.asString()));
            if (!valid && !where.contains("securitySchemes")) {
                faults.add(where + ": type " + type);
            }
        }
        if (node.isObject()) {
            node.properties().forEach(child -> checkTypes(child.getValue(), where + "/" + child.getKey(), faults));
        } else if (node.isArray()) {
            node.forEach(child -> checkTypes(child, where + "[]", faults));
        }
    }

    @Test
    void a_queued_jobs_nulls_and_relative_problem_types_are_what_the_schemas_say() {
        JsonNode job = spec.path("components").path("schemas").path("Job");
        for (String time : List.of("startedAt", "finishedAt")) {
            assertThat(job.path("properties")
                            .path(time)
                            .path("type")
                            .valueStream()
                            .map(JsonNode::asString))
                    .as(time)
                    .containsExactlyInAnyOrder("string", "null");
        }
        assertThat(job.path("required").valueStream().map(JsonNode::asString))
                .contains("id", "parameters", "status", "createdAt", "startedAt", "finishedAt", "progress")
                .doesNotContain("dataset", "datasets");
        JsonNode problem = spec.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").path("type").path("format").asString())
                .isEqualTo("uri-reference");
        assertThat(problem.path("properties").path("instance").path("format").asString())
                .isEqualTo("uri-reference");
        assertThat(problem.path("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("type", "title", "status", "detail");
    }

    @Test
    void the_spec_lists_every_endpoint_of_the_export_and_file_link_controllers_with_its_method() {
        List<String> endpoints = endpointsOf(Set.of(ExportController.class, FileLinkController.class));

        assertThat(endpoints).hasSize(7);
        for (String endpoint : endpoints) {
            String[] methodAndPath = endpoint.split(" ");
            assertThat(spec.path("paths")
                            .path(methodAndPath[1])
                            .path(methodAndPath[0])
                            .isObject())
                    .as(endpoint)
                    .isTrue();
        }
    }

    @Test
    void every_endpoint_needs_the_bearer_token_but_the_emailed_link() {
        assertThat(spec.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("type")
                        .asString())
                .isEqualTo("http");
        assertThat(spec.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(spec.path("security").get(0).has("bearer")).isTrue();

        JsonNode paths = spec.path("paths");
        assertThat(paths.path("/api/v1/exports/{id}/file")
                        .path("get")
                        .path("security")
                        .isEmpty())
                .isTrue();
        assertThat(paths.path("/api/v1/exports/{id}/file")
                        .path("get")
                        .path("responses")
                        .has("403"))
                .isTrue();
        assertThat(paths.path("/api/v1/exports").path("post").has("security")).isFalse();
        assertThat(paths.path("/api/v1/exports").path("post").path("responses").has("401"))
                .isTrue();
        assertThat(paths.path("/api/v1/exports").path("post").path("responses").has("403"))
                .isTrue();
    }

    @Test
    void the_spec_lists_the_destinations_calls_and_the_jobs_delivery_and_no_destination_schema_holds_a_secret() {
        JsonNode paths = spec.path("paths");
        assertThat(paths.path("/api/v1/destinations").propertyNames()).contains("get", "post");
        assertThat(paths.path("/api/v1/destinations/{id}").propertyNames()).contains("get", "delete");
        assertThat(paths.path("/api/v1/destinations/{id}/test").propertyNames()).contains("post");
        JsonNode schemas = spec.path("components").path("schemas");
        assertThat(schemas.path("Job").path("properties").propertyNames()).contains("delivery");
        assertThat(schemas.path("Delivery").path("properties").propertyNames())
                .contains("destination", "status", "location", "deliveredAt", "error");
        assertThat(schemas.path("Destination").path("properties").propertyNames())
                .contains("id", "type", "name", "bucket", "host", "hostKeyFingerprint", "authentication")
                .doesNotContain("secretAccessKey", "password", "privateKey");
    }

    @Test
    void the_job_schema_has_the_contract_fields_and_the_create_call_answers_202_with_it() {
        JsonNode job = spec.path("components").path("schemas").path("Job");

        assertThat(job.path("properties").propertyNames())
                .contains(
                        "id",
                        "dataset",
                        "parameters",
                        "status",
                        "createdAt",
                        "startedAt",
                        "finishedAt",
                        "progress",
                        "result",
                        "download",
                        "error");
        assertThat(job.path("properties")
                        .path("status")
                        .path("enum")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED");
        JsonNode created =
                spec.path("paths").path("/api/v1/exports").path("post").path("responses");
        assertThat(created.has("200")).isFalse();
        assertThat(created.path("202")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Job");
        assertThat(created.path("202").path("headers").has("Location")).isTrue();
        JsonNode request = spec.path("components").path("schemas").path("ExportRequest");
        assertThat(request.path("properties")
                        .path("dataset")
                        .path("enum")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly("payments", "subscribers", "trainees");
        assertThat(request.path("properties").path("days").path("maximum").asInt())
                .isEqualTo(365);
    }

    @Test
    void a_job_and_a_request_name_one_dataset_or_a_bundles_datasets_each_of_the_known_ones() {
        JsonNode schemas = spec.path("components").path("schemas");
        for (String schema : List.of("Job", "ExportRequest")) {
            JsonNode properties = schemas.path(schema).path("properties");
            assertThat(properties.path("dataset").path("enum").valueStream().map(JsonNode::asString))
                    .as(schema)
                    .containsExactly("payments", "subscribers", "trainees");
            assertThat(properties
                            .path("datasets")
                            .path("items")
                            .path("enum")
                            .valueStream()
                            .map(JsonNode::asString))
                    .as(schema)
                    .containsExactly("payments", "subscribers", "trainees");
        }
        assertThat(schemas.path("ExportRequest")
                        .path("properties")
                        .path("datasets")
                        .path("description")
                        .asString())
                .contains("manifest.json", "one snapshot");
    }

    @Test
    void every_error_answer_is_a_problem_json_body() {
        JsonNode problem = spec.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").propertyNames()).contains("type", "title", "status", "detail", "errors");

        List<String> errors = new ArrayList<>();
        spec.path("paths")
                .forEach(path -> path.forEach(operation -> operation
                        .path("responses")
                        .properties()
                        .forEach(response -> {
                            if (response.getKey().startsWith("4")
                                    || response.getKey().startsWith("5")) {
                                errors.add(response.getKey());
                                assertThat(response.getValue()
                                                .path("content")
                                                .path("application/problem+json")
                                                .path("schema")
                                                .path("$ref")
                                                .asString())
                                        .isEqualTo("#/components/schemas/Problem");
                            }
                        })));
        assertThat(errors).contains("400", "401", "403", "404", "409", "410", "413", "415", "422", "429", "503");
        assertThat(codes("/api/v1/exports", "post")).contains("400", "401", "403", "413", "415", "422", "429", "503");
        assertThat(codes("/api/v1/exports/{id}/download", "get")).contains("302", "404", "409", "410");
        assertThat(codes("/api/v1/exports/{id}/cancel", "post")).contains("200", "404", "409");
    }

    @Test
    void the_audit_and_the_history_entry_of_a_link_issued_are_described() {
        JsonNode schemas = spec.path("components").path("schemas");

        assertThat(codes("/api/v1/audit", "get")).contains("200", "400", "401", "403", "406", "503");
        assertThat(spec.path("paths")
                        .path("/api/v1/audit")
                        .path("get")
                        .path("parameters")
                        .valueStream()
                        .map(parameter -> parameter.path("name").asString() + " in "
                                + parameter.path("in").asString() + " required "
                                + parameter.path("required").asBoolean()))
                .containsExactly("from in query required true", "to in query required true");
        assertThat(schemas.path("LinkAudit").path("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("from", "to", "items");
        assertThat(schemas.path("LinkCount").path("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("day", "dataset", "job", "by", "links");
        assertThat(schemas.path("LinkCount")
                        .path("properties")
                        .path("by")
                        .path("enum")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly("trainer", "emailed link", "webhook link");
        assertThat(schemas.path("JobMove").path("properties").has("address")).isTrue();
        assertThat(schemas.path("JobMove").path("required").valueStream().map(JsonNode::asString))
                .doesNotContain("address");
    }

    @Test
    void swagger_ui_is_served_without_a_token() {
        Response redirect = anonymous.get("/swagger-ui.html");
        assertThat(redirect.status()).isEqualTo(302);

        Response page = anonymous.get(redirect.header("Location"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger-ui");
    }

    private List<String> codes(String path, String method) {
        return spec.path("paths").path(path).path(method).path("responses").propertyNames().stream()
                .toList();
    }

    /** "get /api/v1/exports/{id}" for every handler method of the controllers, from Spring MVC itself. */
    private List<String> endpointsOf(Set<Class<?>> controllers) {
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (controllers.contains(handler.getBeanType())) {
                for (String path : info.getPatternValues()) {
                    info.getMethodsCondition()
                            .getMethods()
                            .forEach(method -> endpoints.add(method.name().toLowerCase() + " " + path));
                }
            }
        });
        return endpoints;
    }
}
