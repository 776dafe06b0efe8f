package com.coaching.exports.api.security;

import com.coaching.exports.shared.source.SourceDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code users.role} of the platform's users ({@code EXPORTS_JWT_ROLE_SOURCE=database}), read from the source
 * database with a query timeout and kept at most {@link #MAX_AGE}: a trainer who became a trainee loses access
 * within a minute, and a burst of requests costs one query per user and minute. An unknown user is remembered
 * as unknown for as long. A failed query is not remembered: it throws the {@code DataAccessException}.
 */
final class UserRoles {

    static final Duration MAX_AGE = Duration.ofSeconds(60);
    /** Users remembered at most; past it, the stale ones go, and if none is stale, all. */
    static final int MAX_USERS = 10_000;

    private static final String ROLE_OF = "select role from users where id = :id";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConcurrentMap<Long, Known> known = new ConcurrentHashMap<>();

    private record Known(Optional<String> role, Instant readAt) {}

    UserRoles(SourceDatabase source, Duration queryTimeout, Clock clock) {
        JdbcTemplate template = new JdbcTemplate(source.dataSource());
        template.setQueryTimeout(Math.toIntExact(queryTimeout.toSeconds()));
        this.jdbc = JdbcClient.create(template);
        this.clock = clock;
    }

    /** The user's role, or null when the platform has no such user. */
    @Nullable
    String roleOf(long user) {
        Instant now = clock.instant();
        Known cached = known.get(user);
        if (cached != null && fresh(cached, now)) {
            return cached.role().orElse(null);
        }
        Optional<String> role =
                jdbc.sql(ROLE_OF).param("id", user).query(String.class).optional();
        if (known.size() >= MAX_USERS) {
            known.values().removeIf(entry -> !fresh(entry, now));
            if (known.size() >= MAX_USERS) {
                known.clear();
            }
        }
        known.put(user, new Known(role, now));
        return role.orElse(null);
    }

    private static boolean fresh(Known entry, Instant now) {
        return !now.isBefore(entry.readAt()) && now.isBefore(entry.readAt().plus(MAX_AGE));
    }
}
