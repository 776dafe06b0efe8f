package com.coaching.exports.shared.clock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * UTC time as PostgreSQL tells it: this process's clock plus the offset last measured from the
 * database. Leases, heartbeats, schedules and webhook leases are compared across processes, so they
 * must all be read from one clock; a worker whose own clock is a minute off would otherwise requeue
 * healthy jobs, or let its own leases look stale to everyone else.
 *
 * <p>{@link #instant()} never touches the database: the offset is measured at start-up and then
 * every {@code refreshInterval} on a thread of its own, and the last one is kept while the database
 * cannot be reached.
 */
public final class DatabaseClock extends Clock implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    /** Round trips per measurement: the shortest one's midpoint is the least uncertain. */
    private static final int SAMPLES = 3;

    private final Clock local;
    private final DataSource database;
    private final Duration refreshInterval;
    private volatile Duration offset = Duration.ZERO;
    private volatile boolean failing;
    private volatile @Nullable ScheduledExecutorService refresher;

    public DatabaseClock(Clock local, DataSource database, Duration refreshInterval) {
        this.local = local.withZone(ZoneOffset.UTC);
        this.database = database;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public Instant instant() {
        return local.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // another zone is asked for by no caller here; it gets the offset of this moment
        return ZoneOffset.UTC.equals(zone) ? this : Clock.offset(local.withZone(zone), offset);
    }

    /** How far the database's clock is ahead of this process's (negative: behind), as last measured. */
    public Duration offset() {
        return offset;
    }

    /**
     * Measures the offset now and keeps it; keeps the last one if the database cannot be reached.
     *
     * @return whether it was measured
     */
    public boolean refresh() {
        try {
            Duration measured = measure();
            Duration previous = offset;
            offset = measured;
            if (failing || previous.minus(measured).abs().compareTo(Duration.ofSeconds(1)) > 0) {
                log.info("clock offset from database ms={}", measured.toMillis());
            } else {
                log.debug("clock offset from database ms={}", measured.toMillis());
            }
            failing = false;
            return true;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                log.warn("clock offset not measured, keeping ms={}: {}", offset.toMillis(), e.getMessage());
            }
            failing = true;
            return false;
        }
    }

    /**
     * {@code clock_timestamp()} (the time as the statement runs, not as its transaction began)
     * against the midpoint of the local clock before and after the round trip, on one connection.
     */
    private Duration measure() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement("select clock_timestamp()")) {
            Duration best = null;
            Duration shortest = null;
            for (int i = 0; i < SAMPLES; i++) {
                Instant sent = local.instant();
                Instant databaseTime;
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    databaseTime = rs.getObject(1, OffsetDateTime.class).toInstant();
                }
                Instant received = local.instant();
                Duration roundTrip = Duration.between(sent, received);
                if (shortest == null || roundTrip.compareTo(shortest) < 0) {
                    shortest = roundTrip;
                    best = Duration.between(sent.plus(roundTrip.dividedBy(2)), databaseTime);
                }
            }
            return Objects.requireNonNull(best, "measured at least once");
        }
    }

    /** Measures once before anything that reads the time starts, then keeps measuring in the background. */
    @Override
    public void start() {
        refresh();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "database-clock");
            thread.setDaemon(true);
            return thread;
        });
        long every = refreshInterval.toMillis();
        var unused = executor.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
        refresher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = refresher;
        refresher = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }

    /** First to start, last to stop: the schedulers and the listener containers read the time. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public String toString() {
        return "DatabaseClock[local=" + local + ", offset=" + offset + "]";
    }
}
