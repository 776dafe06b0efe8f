package com.coaching.exports.worker.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.worker.lease.LeaseExpiry.Fate;
import com.coaching.exports.worker.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a lease has expired, and whether its job runs again or fails, on a clock the test moves. */
class LeaseExpiryTest {

    static final Instant HEARTBEAT = Instant.parse("2026-12-06T10:00:00Z");

    final LeaseExpiry expiry = new LeaseExpiry(Duration.ofSeconds(30), 3);
    final SettableClock clock = new SettableClock(HEARTBEAT);

    @Test
    void a_lease_lives_for_its_timeout_after_the_last_heartbeat_and_not_a_moment_longer() {
        clock.move(Duration.ofSeconds(30));
        assertThat(expiry.hasExpired(HEARTBEAT, clock)).isFalse();

        clock.move(Duration.ofMillis(1));
        assertThat(expiry.hasExpired(HEARTBEAT, clock)).isTrue();
        assertThat(expiry.expiredBefore(clock)).isEqualTo(HEARTBEAT.plusMillis(1));
    }

    @Test
    void a_job_whose_worker_died_runs_again_until_it_crashed_as_often_as_it_may() {
        assertThat(expiry.fateAfter(1, 0)).isEqualTo(Fate.REQUEUE);
        assertThat(expiry.fateAfter(2, 0)).isEqualTo(Fate.REQUEUE);
        assertThat(expiry.fateAfter(3, 0)).isEqualTo(Fate.GIVE_UP);
    }

    @Test
    void a_start_that_ended_waiting_for_a_dependency_is_no_crash() {
        assertThat(expiry.fateAfter(5, 3)).isEqualTo(Fate.REQUEUE);
        assertThat(expiry.fateAfter(6, 3)).isEqualTo(Fate.GIVE_UP);
    }
}
