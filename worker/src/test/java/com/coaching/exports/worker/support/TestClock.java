package com.coaching.exports.worker.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The worker's clock in a test that moves time: real time plus however far the test moved it, so
 * the worker runs as usual and a wait of minutes (a retry's delay, a disable window) passes at once.
 * Import {@link Config} to make it the worker's {@code Clock}.
 */
public final class TestClock extends Clock {

    private final AtomicLong aheadMillis = new AtomicLong();

    /** Time passes by {@code duration} at once. */
    public void move(Duration duration) {
        aheadMillis.addAndGet(duration.toMillis());
    }

    /** Back to real time, so a test leaves no worker of this context ahead of the others. */
    public void reset() {
        aheadMillis.set(0);
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(aheadMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** The test clock as the worker's {@code Clock}, before the database's. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
