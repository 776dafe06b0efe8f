package com.coaching.exports.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.worker.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The windows of a sinceLastRun schedule's firings, as firing times pass on a clock the test moves. */
class IncrementalWindowTest {

    static final Instant MONDAY_0700 = Instant.parse("2026-11-30T07:00:00Z");

    final SettableClock firing = new SettableClock(MONDAY_0700);

    @Test
    void the_first_window_is_the_days_before_a_minute_before_the_firing() {
        IncrementalWindow first = IncrementalWindow.of(null, firing.instant(), 7);

        assertThat(first.end()).isEqualTo("2026-11-30T06:59:00Z");
        assertThat(first.start()).isEqualTo("2026-11-23T06:59:00Z");
    }

    @Test
    void each_next_window_starts_where_the_last_one_ended_and_ends_a_minute_before_its_firing() {
        IncrementalWindow first = IncrementalWindow.of(null, firing.instant(), 7);
        firing.move(Duration.ofDays(7));

        IncrementalWindow second = IncrementalWindow.of(first.end(), firing.instant(), 7);

        assertThat(second.start()).as("no gap, no overlap").isEqualTo(first.end());
        assertThat(second.end()).isEqualTo("2026-12-07T06:59:00Z");
    }

    @Test
    void a_firing_made_late_still_starts_at_the_last_end_so_the_window_grows_over_what_waited() {
        IncrementalWindow first = IncrementalWindow.of(null, firing.instant(), 1);
        firing.move(Duration.ofDays(14)); // two weekly firings held back, the third makes its job

        IncrementalWindow next = IncrementalWindow.of(first.end(), firing.instant(), 1);

        assertThat(next.start()).isEqualTo(first.end());
        assertThat(next.end()).isEqualTo(firing.instant().minus(IncrementalWindow.LAG));
        assertThat(Duration.between(next.start(), next.end())).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void a_firing_set_back_before_the_last_end_gets_an_empty_window_not_a_negative_one() {
        Instant lastEnd = firing.instant().minus(IncrementalWindow.LAG);
        firing.move(Duration.ofMinutes(-30)); // a restore set the schedule back

        IncrementalWindow window = IncrementalWindow.of(lastEnd, firing.instant(), 7);

        assertThat(window.start()).isEqualTo(lastEnd);
        assertThat(window.end()).isEqualTo(lastEnd);
    }
}
