package com.coaching.exports.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error page answers problem+json too. What never reaches a Spring MVC handler (a path Spring
 * Security's firewall refuses, a TRACE the container refuses) would otherwise get Spring Boot's plain
 * JSON error body, and {@code /error} asked for directly a 500. A filter rather than an error
 * controller, so that the error page is not an endpoint of the API description.
 */
@Component
class ErrorProblems extends OncePerRequestFilter {

    private final JsonMapper json;
    private final String errorPath;

    ErrorProblems(JsonMapper json, @Value("${server.error.path:/error}") String errorPath) {
        this.json = json;
        this.errorPath = errorPath;
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
        ProblemType type = ProblemType.forStatus(status.value());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.type().toString());
        problem.put("title", type.title());
        problem.put("status", status.value());
        problem.put("detail", status.getReasonPhrase() + ".");
        problem.put(
                "instance",
                errorDispatch && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path
                        ? path
                        : request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
