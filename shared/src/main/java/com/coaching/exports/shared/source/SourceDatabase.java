package com.coaching.exports.shared.source;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's database, which this service only reads: its own pool when
 * {@code exports.source.datasource.url} is set (a read replica, typically), else the service's own
 * database through the same pool. Not a {@link DataSource} bean, so that Spring Boot's own
 * datasource, Flyway and health stay as they are.
 */
public final class SourceDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final @Nullable AutoCloseable pool;

    SourceDatabase(DataSource dataSource, @Nullable AutoCloseable pool) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.pool = pool;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Whether the platform's rows come from a database other than the service's own. */
    public boolean separate() {
        return pool != null;
    }

    /** Closes the pool of a separate source; the service's own is Spring Boot's to close. */
    @Override
    public void close() throws Exception {
        if (pool != null) {
            pool.close();
        }
    }
}
