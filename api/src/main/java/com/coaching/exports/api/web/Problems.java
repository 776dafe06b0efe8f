package com.coaching.exports.api.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.web.util.UriUtils;

/**
 * Builds the problem bodies of docs/api.md, "Errors": Spring MVC writes them from {@link ProblemHandler},
 * {@link ProblemWriter} where MVC does not answer.
 */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        return of(type, detail, List.of());
    }

    public static ProblemDetail of(ProblemType type, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** The request's path as the problem's {@code instance}; a raw path no URI can hold is encoded first. */
    static URI instance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return URI.create(UriUtils.encodePath(path, StandardCharsets.UTF_8));
        }
    }
}
