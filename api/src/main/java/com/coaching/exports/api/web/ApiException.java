package com.coaching.exports.api.web;

import java.util.List;

/** A domain failure the client caused or must know about; carries its problem type. */
public class ApiException extends RuntimeException {

    private final ProblemType problem;
    private final List<FieldProblem> errors;

    public ApiException(ProblemType problem, String detail) {
        this(problem, detail, List.of());
    }

    public ApiException(ProblemType problem, String detail, List<FieldProblem> errors) {
        super(detail);
        this.problem = problem;
        this.errors = List.copyOf(errors);
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
}
