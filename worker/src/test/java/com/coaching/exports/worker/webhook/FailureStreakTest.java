package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.worker.webhook.FailureStreak.Standing;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When failures disable an endpoint: an unbroken streak of the disable window, counted from its first failure. */
class FailureStreakTest {

    static final Duration THREE_DAYS = Duration.ofDays(3);
    static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    @Test
    void a_first_failure_starts_a_streak_and_disables_nothing() {
        Standing standing = new FailureStreak(null, true).afterFailure(NOW, THREE_DAYS);

        assertThat(standing).isEqualTo(new Standing(NOW, false));
    }

    @Test
    void an_endpoint_failing_without_a_success_for_the_whole_window_is_disabled() {
        Instant since = NOW.minus(THREE_DAYS);

        assertThat(new FailureStreak(since, true).afterFailure(NOW, THREE_DAYS)).isEqualTo(new Standing(since, true));
        assertThat(new FailureStreak(since.minusSeconds(1), false)
                        .afterFailure(NOW, THREE_DAYS)
                        .disable())
                .isTrue();
    }

    @Test
    void an_endpoint_failing_for_less_than_the_window_keeps_its_streak_and_is_not_disabled() {
        Instant since = NOW.minus(THREE_DAYS).plusSeconds(1);

        assertThat(new FailureStreak(since, true).afterFailure(NOW, THREE_DAYS)).isEqualTo(new Standing(since, false));
    }

    @Test
    void a_failure_that_gives_up_the_last_event_owed_ends_the_streak() {
        Instant since = NOW.minus(Duration.ofHours(33));

        assertThat(new FailureStreak(since, false).afterFailure(NOW, THREE_DAYS))
                .isEqualTo(new Standing(null, false));
    }

    @Test
    void an_event_given_up_long_ago_does_not_count_at_the_next_failure() {
        // the event of ten days ago failed until it was given up, which ended its streak; nothing since
        Standing givenUp = new FailureStreak(NOW.minus(Duration.ofDays(11)), false)
                .afterFailure(NOW.minus(Duration.ofDays(10)), THREE_DAYS);
        assertThat(givenUp.failingSince()).isNull();

        Standing next = new FailureStreak(givenUp.failingSince(), true).afterFailure(NOW, THREE_DAYS);

        assertThat(next).isEqualTo(new Standing(NOW, false));
    }
}
