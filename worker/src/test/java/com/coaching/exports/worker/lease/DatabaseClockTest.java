package com.coaching.exports.worker.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.shared.clock.DatabaseClock;
import com.coaching.exports.worker.support.WorkerTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The clock every process reads follows PostgreSQL's, whatever this process's own clock says. */
@WorkerTest
class DatabaseClockTest {

    static final Duration A_MINUTE = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    Clock clock;

    @Test
    void the_worker_reads_the_time_from_a_clock_that_follows_the_database() {
        assertThat(clock).isInstanceOf(DatabaseClock.class);
        assertThat(Duration.between(databaseNow(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void a_local_clock_a_minute_ahead_is_measured_a_minute_ahead_and_read_as_the_databases() throws Exception {
        try (FaultyTcpProxy proxy = databaseProxy()) {
            DatabaseClock ahead =
                    new DatabaseClock(Clock.offset(Clock.systemUTC(), A_MINUTE), through(proxy), A_MINUTE);

            assertThat(ahead.refresh()).isTrue();

            assertThat(ahead.offset().toMillis()).isCloseTo(-A_MINUTE.toMillis(), within(1000L));
            assertThat(Duration.between(databaseNow(), ahead.instant()).abs()).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void a_local_clock_a_minute_behind_is_measured_a_minute_behind_and_read_as_the_databases() throws Exception {
        try (FaultyTcpProxy proxy = databaseProxy()) {
            DatabaseClock behind =
                    new DatabaseClock(Clock.offset(Clock.systemUTC(), A_MINUTE.negated()), through(proxy), A_MINUTE);

            assertThat(behind.refresh()).isTrue();

            assertThat(behind.offset().toMillis()).isCloseTo(A_MINUTE.toMillis(), within(1000L));
            assertThat(Duration.between(databaseNow(), behind.instant()).abs()).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void while_the_database_does_not_answer_the_clock_keeps_its_last_offset_and_answers_at_once() throws Exception {
        try (FaultyTcpProxy proxy = databaseProxy()) {
            DatabaseClock ahead =
                    new DatabaseClock(Clock.offset(Clock.systemUTC(), A_MINUTE), through(proxy), A_MINUTE);
            assertThat(ahead.refresh()).isTrue();
            Duration measured = ahead.offset();

            proxy.blackHole();
            CompletableFuture<Boolean> refreshing = CompletableFuture.supplyAsync(ahead::refresh);
            Instant read = ahead.instant();

            assertThat(refreshing).isNotDone();
            assertThat(Duration.between(databaseNow(), read).abs()).isLessThan(Duration.ofSeconds(1));
            assertThat(refreshing.get()).isFalse();
            assertThat(ahead.offset()).isEqualTo(measured);
        }
    }

    private Instant databaseNow() {
        return jdbc.sql("select clock_timestamp()")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    /** The test database, behind a proxy that can stop passing anything on. */
    private FaultyTcpProxy databaseProxy() throws Exception {
        URI database = URI.create(
                environment.getRequiredProperty("spring.datasource.url").substring("jdbc:".length()));
        return new FaultyTcpProxy("database", database.getHost(), database.getPort());
    }

    /** A connection a call, through the proxy, giving up on a silent server after two seconds. */
    private DriverManagerDataSource through(FaultyTcpProxy proxy) {
        URI database = URI.create(
                environment.getRequiredProperty("spring.datasource.url").substring("jdbc:".length()));
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath()
                + "?connectTimeout=2&socketTimeout=2";
        return new DriverManagerDataSource(
                url,
                environment.getRequiredProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password", ""));
    }
}
