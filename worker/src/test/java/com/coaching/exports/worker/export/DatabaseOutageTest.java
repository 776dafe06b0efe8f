package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.worker.support.WorkerTest;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a failure says about the database, told from the exceptions a real pool throws: a pool that
 * cannot reach PostgreSQL is an outage (the job is requeued as "database unavailable"); a pool whose
 * connections are all in use while PostgreSQL answers is this worker's congestion, no outage.
 */
@WorkerTest
class DatabaseOutageTest {

    @Autowired
    Environment environment;

    @Test
    void a_wait_for_a_busy_pool_that_timed_out_is_no_outage_however_spring_wraps_it() throws Exception {
        try (FaultyTcpProxy database = databaseProxy();
                HikariDataSource pool = poolOfOne(database);
                Connection busy = pool.getConnection()) {
            Throwable timedOut = catchThrowable(pool::getConnection);

            assertThat(timedOut)
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("Connection is not available, request timed out");
            for (Throwable failure : wrapped(timedOut)) {
                assertThat(DatabaseOutage.causes(failure))
                        .as(failure.toString())
                        .isFalse();
                assertThat(DatabaseOutage.poolWait(failure))
                        .as(failure.toString())
                        .isTrue();
            }
        }
    }

    @Test
    void a_pool_that_cannot_reach_the_database_is_an_outage_however_spring_wraps_it() throws Exception {
        try (FaultyTcpProxy database = databaseProxy();
                HikariDataSource pool = poolOfOne(database)) {
            database.cut();
            Throwable unreachable = catchThrowable(pool::getConnection);

            assertThat(unreachable).isInstanceOf(SQLException.class);
            for (Throwable failure : wrapped(unreachable)) {
                assertThat(DatabaseOutage.causes(failure))
                        .as(failure.toString())
                        .isTrue();
                assertThat(DatabaseOutage.poolWait(failure))
                        .as(failure.toString())
                        .isFalse();
            }
        }
    }

    @Test
    void a_statement_the_database_refused_is_neither() throws Exception {
        try (FaultyTcpProxy database = databaseProxy();
                HikariDataSource pool = poolOfOne(database)) {
            Throwable refused = catchThrowable(() -> JdbcClient.create(pool)
                    .sql("select * from no_such_table")
                    .query(Integer.class)
                    .list());

            assertThat(DatabaseOutage.causes(refused)).as(refused.toString()).isFalse();
            assertThat(DatabaseOutage.poolWait(refused)).as(refused.toString()).isFalse();
        }
    }

    /** The failure as the pool threw it, and as JDBC and transaction code hand it on. */
    private static Throwable[] wrapped(Throwable failure) {
        var noConnection =
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", (SQLException) failure);
        return new Throwable[] {
            failure,
            noConnection,
            new CannotCreateTransactionException("Could not open JDBC Connection for transaction", noConnection)
        };
    }

    /** A pool of one connection to the test database through {@code database}, waiting half a second for it. */
    private HikariDataSource poolOfOne(FaultyTcpProxy database) {
        URI url = URI.create(
                environment.getRequiredProperty("spring.datasource.url").substring("jdbc:".length()));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + database.port() + url.getPath() + "?connectTimeout=2");
        config.setUsername(environment.getRequiredProperty("spring.datasource.username"));
        config.setPassword(environment.getProperty("spring.datasource.password", ""));
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(500);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private FaultyTcpProxy databaseProxy() throws Exception {
        URI url = URI.create(
                environment.getRequiredProperty("spring.datasource.url").substring("jdbc:".length()));
        return new FaultyTcpProxy("database", url.getHost(), url.getPort());
    }
}
