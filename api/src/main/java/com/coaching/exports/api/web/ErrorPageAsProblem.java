package com.coaching.exports.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The container's error page, answered as problem+json. What never reaches a Spring MVC handler (a path
 * Spring Security's firewall refuses, a TRACE the container refuses) would otherwise get Spring Boot's
 * plain JSON error body, and the error path asked for directly a 500. A filter rather than an error
 * controller, so that the error page is not an endpoint of the API description.
 */
@Component
class ErrorPageAsProblem extends OncePerRequestFilter {

    private final ProblemWriter problems;
    private final String errorPath;

    ErrorPageAsProblem(ProblemWriter problems, WebProperties web) {
        this.problems = problems;
        this.errorPath = web.getError().getPath();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean errorDispatch = request.getDispatcherType() == DispatcherType.ERROR;
        if (!errorDispatch && !request.getRequestURI().equals(request.getContextPath() + errorPath)) {
            chain.doFilter(request, response);
            return;
        }
        HttpStatus status =
                errorDispatch && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                        ? HttpStatus.resolve(code)
                        : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.NOT_FOUND; // no error being dispatched: someone asked for the page itself
        }
        ProblemDetail problem = Problems.of(ProblemType.forStatus(status.value()), status.getReasonPhrase() + ".");
        problem.setStatus(status); // the type may be a general one (400, 500) for a more specific status
        problem.setInstance(Problems.instance(
                errorDispatch && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path
                        ? path
                        : request.getRequestURI()));
        problems.write(response, problem);
    }
}
