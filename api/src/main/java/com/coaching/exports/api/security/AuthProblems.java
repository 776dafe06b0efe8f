package com.coaching.exports.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Hands 401 and 403 to the problem handler, so they are problem+json like every other 4xx; a role that could not be
 * read goes there as the database failure it is (503 when the database is down).
 */
class AuthProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final HandlerExceptionResolver problems;

    AuthProblems(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
        problems.resolveException(
                request, response, null, e instanceof RoleLookupUnavailableException lookup ? lookup.failure() : e);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) {
        problems.resolveException(request, response, null, e);
    }
}
