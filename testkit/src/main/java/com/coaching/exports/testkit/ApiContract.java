package com.coaching.exports.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's own description, {@code /v3/api-docs}, read from the running API once per address, and
 * every answer {@link ApiClient} receives checked against it: status, media type, headers and body
 * schema (nulls included; a field the schema does not name is an error). A mismatch fails the test
 * that got the answer.
 *
 * <p>Answers to a request no documented operation takes (a method the path does not have, a path the
 * firewall refuses) cannot be in the description; they are checked to be the description's
 * {@code Problem}. Paths outside {@code /api/} (the web page, the description itself, the probes) are
 * not part of the API and are not checked.
 */
public final class ApiContract {

    private static final Map<URI, ApiContract> BY_ADDRESS = new ConcurrentHashMap<>();
    private static final Set<String> NO_SUCH_OPERATION =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String document;
    private final OpenAPI api;
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;

    private ApiContract(String document) {
        this.document = document;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(asOpenApi30(document), null, options);
        if (parsed.getOpenAPI() == null
                || (parsed.getMessages() != null && !parsed.getMessages().isEmpty())) {
            throw new AssertionError("/v3/api-docs does not parse: " + parsed.getMessages());
        }
        this.api = parsed.getOpenAPI();
        this.validator = OpenApiInteractionValidator.createFor(api).build();
        this.schemas = new SchemaValidator(api, new MessageResolver());
    }

    /** The description served at {@code base}, read the first time it is asked for. */
    public static ApiContract of(URI base) {
        return BY_ADDRESS.computeIfAbsent(base.resolve("/"), address -> new ApiContract(read(address)));
    }

    /** The contract of a description given as text (for tests of the check itself). */
    public static ApiContract ofDocument(String document) {
        return new ApiContract(document);
    }

    public String document() {
        return document;
    }

    public OpenAPI api() {
        return api;
    }

    /** Throws an {@link AssertionError} naming every mismatch between the answer and the description. */
    public void check(String method, URI uri, HttpResponse<String> response) {
        List<String> mismatches = mismatches(
                method, uri, response.statusCode(), response.headers().map(), response.body());
        if (!mismatches.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + uri.getRawPath() + " (" + response.statusCode()
                    + " " + response.body() + ") does not match /v3/api-docs:\n" + String.join("\n", mismatches));
        }
    }

    /** Throws an {@link AssertionError} unless {@code json} is a {@code Job} as the description has it (an event's data). */
    public void checkJob(String json) {
        Schema<?> job = new Schema<>().$ref("#/components/schemas/Job");
        List<String> mismatches = schemas.validate(json, job, "event.data").getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage())
                .toList();
        if (!mismatches.isEmpty()) {
            throw new AssertionError(
                    "The event " + json + " is not a Job of /v3/api-docs:\n" + String.join("\n", mismatches));
        }
    }

    /** What does not match; empty when the answer is the documented one. */
    public List<String> mismatches(
            String method, URI uri, int status, Map<String, List<String>> headers, @Nullable String body) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/api/")) {
            return List.of();
        }
        SimpleResponse.Builder answer = new SimpleResponse.Builder(status);
        headers.forEach(answer::withHeader);
        if (body != null && !body.isEmpty()) {
            answer.withBody(body);
        }
        ValidationReport report = validator.validateResponse(
                path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
        if (report.getMessages().stream().anyMatch(message -> NO_SUCH_OPERATION.contains(message.getKey()))) {
            return notAnOperation(status, headers, body);
        }
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> SimpleValidationReportFormat.getInstance()
                        .apply(ValidationReport.singleton(message))
                        .trim())
                .toList();
    }

    /** A request no operation takes: 4xx, and the Problem schema as problem+json. */
    private List<String> notAnOperation(int status, Map<String, List<String>> headers, @Nullable String body) {
        if (status < 400 || status >= 500) {
            return List.of("an undocumented method or path answered " + status + ", not a 4xx problem");
        }
        String contentType = headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(h -> h.getValue().stream())
                .findFirst()
                .orElse("");
        if (!contentType.startsWith(PROBLEM_JSON)) {
            return List.of("an undocumented method or path answered " + contentType + ", not " + PROBLEM_JSON);
        }
        Schema<?> problem = new Schema<>().$ref("#/components/schemas/Problem");
        return schemas.validate(body == null ? "" : body, problem, "response.body").getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage())
                .toList();
    }

    /**
     * The validator checks schemas as OpenAPI 3.0 does: given 3.1's {@code "type": ["string", "null"]}
     * it would check no type at all. So the description is handed to it in 3.0's words, which say the
     * same: {@code "type": "string", "nullable": true}. Any other use of a list of types fails here.
     */
    public static String asOpenApi30(String document) {
        JsonNode root = JSON.readTree(document);
        if (!root.path("openapi").asString("").startsWith("3.1")) {
            return document;
        }
        ((ObjectNode) root).put("openapi", "3.0.3");
        nullableAs30(root);
        return JSON.writeValueAsString(root);
    }

    private static void nullableAs30(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("type") instanceof ArrayNode types) {
            List<String> named = types.valueStream()
                    .map(JsonNode::asString)
                    .filter(t -> !t.equals("null"))
                    .toList();
            if (named.size() != 1) {
                throw new AssertionError("a schema of several types is more than the check reads: " + object);
            }
            object.put("type", named.get(0));
            if (named.size() < types.size()) {
                object.put("nullable", true);
            }
        }
        node.forEach(ApiContract::nullableAs30);
    }

    private static String read(URI base) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/v3/api-docs")).GET().build(), BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/v3/api-docs answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot read " + base + "v3/api-docs", e);
        }
    }
}
