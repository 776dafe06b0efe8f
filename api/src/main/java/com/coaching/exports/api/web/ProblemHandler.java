package com.coaching.exports.api.web;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into {@code application/problem+json}: a 4xx naming the field at fault, a
 * 503 when a dependency is down, never a stack trace.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Seconds after which a client may try again when it has too many exports running. */
    static final String RETRY_ACTIVE_JOBS_AFTER = "30";

    private static final URI ABOUT_BLANK = URI.create("about:blank");
    /** Jackson's words when strict duplicate detection (SharedConfiguration) finds a field given twice. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"([^\"]*)\"");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> domain(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.problem().status());
        if (e.problem() == ProblemType.TOO_MANY_ACTIVE_JOBS) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_ACTIVE_JOBS_AFTER);
        }
        e.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        return response.body(Problems.of(
                e.problem(), Objects.requireNonNull(e.getMessage(), "an ApiException has its detail"), e.errors()));
    }

    /** 401, with the challenge of RFC 6750: {@code error="invalid_token"} when a token came and was refused. */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        String challenge = e instanceof OAuth2AuthenticationException refused
                ? "Bearer error=\"" + refused.getError().getErrorCode() + "\""
                : "Bearer";
        return ResponseEntity.status(ProblemType.UNAUTHENTICATED.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .body(Problems.of(ProblemType.UNAUTHENTICATED, "The bearer token is missing, invalid or expired."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return respond(Problems.of(ProblemType.FORBIDDEN, "Only trainers can export their data."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(invalid(new FieldProblem(e.getName(), "must be " + expected(e.getRequiredType()))));
    }

    private static String expected(@Nullable Class<?> type) {
        return type == null
                ? "a valid value"
                : switch (type.getSimpleName()) {
                    case "UUID" -> "a UUID";
                    case "int", "Integer", "long", "Long" -> "an integer";
                    default -> "a valid value";
                };
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        CannotGetJdbcConnectionException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> databaseDown(RuntimeException e) {
        log.warn("database unavailable: {}", e.getMessage());
        return ResponseEntity.status(ProblemType.SERVICE_UNAVAILABLE.status())
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.of(
                        ProblemType.SERVICE_UNAVAILABLE, "The job store is unavailable; nothing was changed."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return respond(Problems.of(ProblemType.INTERNAL_ERROR, "The request could not be completed."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (RequestSizeLimit.isTooLarge(e)) {
            return ResponseEntity.status(ProblemType.PAYLOAD_TOO_LARGE.status()).body(RequestSizeLimit.tooLarge());
        }
        return ResponseEntity.badRequest().body(notReadable(e.getMostSpecificCause()));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(new FieldProblem(e.getParameterName(), "is required")));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingPathVariable(
            MissingPathVariableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!e.isMissingAfterConversion()) {
            return super.handleMissingPathVariable(e, headers, status, request); // a mapping mistake: stays a 500
        }
        // a blank id ("/exports/%20") converts to null
        return ResponseEntity.badRequest()
                .body(invalid(new FieldProblem(
                        e.getVariableName(),
                        "must be " + expected(e.getParameter().getParameterType()))));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring MVC's own problems (405, 415, missing parameters...) get our types and titles. Their body is
        // made by super from the exception (body is null here), and its type is unset, so fix it up afterwards.
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || problem.getType().equals(ABOUT_BLANK))) {
            ProblemType type = ProblemType.forStatus(status.value());
            problem.setType(type.type());
            problem.setTitle(type.title());
        }
        return response;
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return respond(invalid(new FieldProblem(e.getHeaderName(), "is required")));
    }

    private static ProblemDetail notReadable(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            // the path names a field inside an object too: csv.quote
            return invalid(new FieldProblem(
                    unknown.getPath().isEmpty() ? unknown.getPropertyName() : fieldOf(unknown),
                    "is not a known field"));
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            return invalid(new FieldProblem(fieldOf(mismatch), "has the wrong type"));
        }
        if (cause instanceof InputCoercionException outOfRange
                && !outOfRange.getPath().isEmpty()) {
            // a number too big for its type ("days": 2147483648) is valid JSON: name the field
            return invalid(new FieldProblem(fieldOf(outOfRange), "is out of range"));
        }
        Matcher duplicate =
                cause instanceof StreamReadException read ? DUPLICATE.matcher(read.getOriginalMessage()) : null;
        if (duplicate != null && duplicate.find()) {
            return invalid(new FieldProblem(duplicate.group(1), "is given more than once"));
        }
        if (cause instanceof JacksonException) {
            return Problems.of(ProblemType.INVALID_REQUEST, "The body is not valid JSON.");
        }
        return Problems.of(ProblemType.INVALID_REQUEST, "The body is missing or not readable.");
    }

    private static String fieldOf(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static ProblemDetail invalid(FieldProblem problem) {
        return Problems.of(ProblemType.INVALID_REQUEST, problem.field() + ": " + problem.message(), List.of(problem));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
