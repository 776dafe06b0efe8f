package com.coaching.exports.shared.source;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where the platform's rows are read (the export queries, the row estimate, the trainer's email).
 *
 * @param datasource the platform's PostgreSQL, typically a read replica; unset: the service's own database
 * @param migrate whether this service creates the platform's tables and indexes ({@code db/source}):
 *        only the run command and the tests ask for it, never an image's defaults
 */
@ConfigurationProperties("exports.source")
public record SourceProperties(
        @DefaultValue DataSource datasource,
        @DefaultValue("false") boolean migrate) {

    /** The Flyway location of the platform's tables, for the demo and the tests. */
    public static final String MIGRATIONS = "classpath:db/source";

    /** A database of its own; with no url, the service's own is used and the rest is ignored. */
    public boolean separate() {
        return StringUtils.hasText(datasource.url());
    }

    /**
     * The platform's own PostgreSQL connection, when it is not the service's.
     *
     * @param url JDBC URL, e.g. {@code jdbc:postgresql://replica:5432/platform}
     * @param maximumPoolSize connections at most: one per running export's COPY, plus estimates and lookups
     * @param connectionTimeout how long a request for a connection may wait
     */
    public record DataSource(
            String url,
            String username,
            String password,
            @DefaultValue("10") int maximumPoolSize,
            @DefaultValue("10s") Duration connectionTimeout) {}
}
