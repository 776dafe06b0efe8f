package com.coaching.exports.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.worker.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a schedule is due, and when a held-back firing is tried again, on a clock the test moves. */
class FiringTimesTest {

    static final Instant FIRING = Instant.parse("2026-11-30T06:00:00Z");

    final SettableClock clock = new SettableClock(FIRING.minusSeconds(1));

    @Test
    void a_schedule_never_held_back_is_due_at_its_firing_time() {
        FiringTimes times = new FiringTimes(FIRING, null);

        assertThat(times.isDue(clock)).isFalse();
        clock.move(Duration.ofSeconds(1));
        assertThat(times.isDue(clock)).isTrue();
        assertThat(times.dueAt()).isEqualTo(FIRING);
    }

    @Test
    void a_firing_held_back_is_tried_again_a_minute_later_and_not_before() {
        clock.move(Duration.ofSeconds(31));
        FiringTimes held = new FiringTimes(FIRING, FiringTimes.retryAfterHeldBack(clock));

        assertThat(held.isDue(clock)).isFalse();
        clock.move(Duration.ofSeconds(59));
        assertThat(held.isDue(clock)).isFalse();
        clock.move(Duration.ofSeconds(1));
        assertThat(held.isDue(clock)).isTrue();
        assertThat(held.nextFireAt())
                .as("the firing's time stays the scheduled one")
                .isEqualTo(FIRING);
    }

    @Test
    void a_retry_time_before_the_next_firing_does_not_make_the_schedule_due_early() {
        FiringTimes times = new FiringTimes(FIRING, FIRING.minus(Duration.ofHours(1)));

        assertThat(times.dueAt()).isEqualTo(FIRING);
        assertThat(times.isDue(clock)).isFalse();
    }
}
