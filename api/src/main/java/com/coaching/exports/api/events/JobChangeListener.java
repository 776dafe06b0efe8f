package com.coaching.exports.api.events;

import com.coaching.exports.shared.job.JobChanges;
import com.coaching.exports.shared.job.JobChanges.Change;
import com.coaching.exports.shared.retry.RetryPolicy;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This API instance's one {@code LISTEN} connection (its own, not the pool's: it is held for good),
 * on a daemon thread that waits for {@link JobChanges} notifications and hands each to {@link
 * JobStreams}. When the database goes away it connects again with a backoff, and then has every open
 * stream's job read again, as the notifications sent meanwhile are lost.
 */
@Component
class JobChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobChangeListener.class);
    /** How the connection names itself to PostgreSQL ({@code pg_stat_activity}). */
    static final String APPLICATION_NAME = "exports-api job events";

    private static final RetryPolicy RECONNECT =
            RetryPolicy.exponentialHalfJitter(Duration.ofMillis(500), Duration.ofSeconds(15));
    /** How long one wait for notifications lasts; they wake it at once when they come. */
    private static final int WAIT_MILLIS = 5_000;
    /** A connection cut off without a word (a network gone) is noticed by a check this often. */
    private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(15).toNanos();

    private static final int CHECK_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;
    private final JobStreams streams;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    JobChangeListener(DataSource dataSource, JobStreams streams) {
        this.dataSource = dataSource;
        this.streams = streams;
    }

    /** How many times a connection started listening (for tests: once more after each reconnect). */
    int connections() {
        return connections.get();
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "job-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        int failures = 0;
        while (current()) {
            try (Connection connection = connect()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + JobChanges.CHANNEL);
                }
                connections.incrementAndGet();
                if (failures > 0) {
                    log.info("job events: listening again after {} failed tries", failures);
                }
                failures = 0;
                streams.changedAll();
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!current()) {
                    return;
                }
                Duration wait = RECONNECT
                        .delayAfter(++failures, ThreadLocalRandom.current())
                        .orElseThrow();
                log.warn("job events: not listening ({}); trying again in {} ms", e.getMessage(), wait.toMillis());
                if (!pause(wait)) {
                    return;
                }
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (current()) {
            PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    Change.parse(notification.getParameter()).ifPresent(streams::changed);
                }
            }
            if (System.nanoTime() - checked > CHECK_EVERY_NANOS) {
                if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection no longer answers");
                }
                checked = System.nanoTime();
            }
        }
    }

    /** Whether this thread is the listener: a stop and a start again leave one listening, not two. */
    private boolean current() {
        return running && Thread.currentThread() == thread;
    }

    /** A connection of its own, with the pool's address, credentials and timeouts. */
    private Connection connect() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties settings = new Properties();
        settings.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            settings.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            settings.setProperty("password", pool.getPassword());
        }
        settings.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(pool.getJdbcUrl(), settings);
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
