package com.coaching.exports.api.web;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A domain failure the client caused or must know about; carries its problem type. */
public class ApiException extends RuntimeException {

    private final ProblemType problem;
    private final List<FieldProblem> errors;
    private final @Nullable Long retryAfterSeconds;

    public ApiException(ProblemType problem, String detail) {
        this(problem, detail, List.of());
    }

    public ApiException(ProblemType problem, String detail, List<FieldProblem> errors) {
        this(problem, detail, errors, null);
    }

    private ApiException(
            ProblemType problem, String detail, List<FieldProblem> errors, @Nullable Long retryAfterSeconds) {
        super(detail);
        this.problem = problem;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal the client may try again after {@code seconds}: answered with that {@code Retry-After}. */
    public static ApiException retryAfter(ProblemType problem, String detail, long seconds) {
        return new ApiException(problem, detail, List.of(), seconds);
    }

    public static ApiException invalid(List<FieldProblem> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are not valid";
        return new ApiException(ProblemType.INVALID_REQUEST, detail, errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public ProblemType problem() {
        return problem;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** Seconds after which the client may try again, when the problem says. */
    public Optional<Long> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }
}
