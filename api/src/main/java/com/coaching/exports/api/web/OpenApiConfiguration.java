package com.coaching.exports.api.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.coaching.exports.api.security.TrainerId;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). The
 * controllers name each operation's answers; this class adds what holds for all of them: the
 * bearer scheme, 401 (with its challenge) and 403, 406 where the answer is JSON, 413, 500, 503, the
 * headers of every 302, and the problem+json body of every error: every answer the code can give, whatever the operation.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Exports API",
                        version = "v1",
                        description = "Asynchronous CSV exports: ask for one, poll the job, download the file."),
        security = @SecurityRequirement(name = OpenApiConfiguration.BEARER))
@SecurityScheme(
        name = OpenApiConfiguration.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "sub (or the claim EXPORTS_JWT_USER_CLAIM names) = the user id, role = TRAINER (or users.role,"
                + " with EXPORTS_JWT_ROLE_SOURCE=database; other roles get 403), exp and EXPORTS_JWT_REQUIRED_CLAIMS"
                + " required")
public class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_SCHEMA = "Problem";
    static final String JOB_SCHEMA = "Job";

    static {
        // resolved from the token, not sent by the client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(TrainerId.class);
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            ModelConverters.getInstance(true).readAll(ProblemBody.class).forEach(openApi.getComponents()::addSchemas);
            SchemaValues.fill(openApi.getComponents().getSchemas());
            openApi.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        problems(operation);
                        redirectHeaders(operation);
                    }));
        };
    }

    /** The answers every operation can give, whatever its controller says. */
    private static void problems(Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean needsToken =
                operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        // the resource server refuses a bad bearer token on every path, even where none is needed
        responses.putIfAbsent(
                "401",
                new ApiResponse()
                        .description(
                                needsToken
                                        ? ProblemType.UNAUTHENTICATED.title()
                                        : "A bearer token was sent and is not valid (this call needs none)")
                        .addHeaderObject(
                                HttpHeaders.WWW_AUTHENTICATE,
                                header("Bearer, or Bearer error=\"invalid_token\"", new StringSchema(), true)));
        if (needsToken) {
            responses.putIfAbsent("403", new ApiResponse().description(ProblemType.FORBIDDEN.title()));
        }
        if (producesJson(responses)) {
            responses.putIfAbsent(
                    "406",
                    new ApiResponse()
                            .description("The Accept header names no JSON type: answers are application/json only"));
        }
        responses.putIfAbsent("413", new ApiResponse().description("A request body over 16 KiB"));
        responses.putIfAbsent("500", new ApiResponse().description(ProblemType.INTERNAL_ERROR.title()));
        responses.putIfAbsent(
                "503",
                new ApiResponse()
                        .description("The job store is unavailable; nothing was changed")
                        .addHeaderObject(
                                HttpHeaders.RETRY_AFTER,
                                header("seconds", new IntegerSchema().minimum(BigDecimal.ZERO), true)));
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
            }
        });
    }

    /** Every redirect is to a fresh presigned URL (FileRedirect), which must not be cached. */
    private static void redirectHeaders(Operation operation) {
        ApiResponse redirect = operation.getResponses().get("302");
        if (redirect != null) {
            redirect.addHeaderObject(
                            HttpHeaders.LOCATION, header("the presigned URL", new StringSchema().format("uri"), true))
                    .addHeaderObject(HttpHeaders.CACHE_CONTROL, header("no-store", new StringSchema(), true));
        }
    }

    private static boolean producesJson(ApiResponses responses) {
        return responses.values().stream()
                .anyMatch(response -> response.getContent() != null
                        && response.getContent()
                                .containsKey(org.springframework.http.MediaType.APPLICATION_JSON_VALUE));
    }

    private static Header header(String description, Schema<?> schema, boolean required) {
        return new Header().description(description).schema(schema).required(required);
    }

    /** Every error, RFC 9457 (docs/api.md, "Errors"). */
    @io.swagger.v3.oas.annotations.media.Schema(
            name = PROBLEM_SCHEMA,
            description = "application/problem+json (RFC 9457); errors only where fields are at fault")
    record ProblemBody(
            @io.swagger.v3.oas.annotations.media.Schema(
                    requiredMode = REQUIRED,
                    format = "uri-reference",
                    description = "a relative reference: /problems/<name>")
            String type,

            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED)
            String title,

            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED)
            int status,

            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED)
            String detail,

            @io.swagger.v3.oas.annotations.media.Schema(format = "uri-reference", description = "the request's path")
            String instance,

            @io.swagger.v3.oas.annotations.media.Schema(description = "only where fields are at fault")
            List<FieldProblem> errors) {}
}
