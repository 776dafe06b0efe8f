package com.coaching.exports.api.security;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.AuthenticationException;

/**
 * The user's role could not be read ({@link UserRoles}): the token is not at fault. An {@link AuthenticationException}
 * so that it reaches {@link AuthProblems}, which answers it as the database failure it wraps (a 503 when the database
 * is down or slow), never as a 401 or a 403.
 */
class RoleLookupUnavailableException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final DataAccessException failure;

    RoleLookupUnavailableException(DataAccessException failure) {
        super("The user's role could not be read.", failure);
        this.failure = failure;
    }

    DataAccessException failure() {
        return failure;
    }
}
