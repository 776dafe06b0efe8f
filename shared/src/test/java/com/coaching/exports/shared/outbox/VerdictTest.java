package com.coaching.exports.shared.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** What a try writes: a function of the clock, the row's tries and the outbox's policy. */
class VerdictTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final RetryPolicy TWO_DELAYS = RetryPolicy.delays(List.of(Duration.ofMinutes(1), Duration.ofHours(1)), 0);
    /** No jitter: always the middle of the window. */
    static final RandomGenerator MIDDLE = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return bound / 2;
        }
    };

    @Test
    void a_try_that_succeeded_is_done_at_the_clocks_time_counting_the_tries_before_it() {
        assertThat(Verdict.of(Outcome.succeeded("200"), 2, TWO_DELAYS, CLOCK, MIDDLE))
                .contains(new Verdict.Done<>("200", NOW, 3));
    }

    @Test
    void a_failed_try_is_due_again_after_the_policys_delay_from_the_clocks_time() {
        assertThat(Verdict.of(Outcome.failed("500", "status 500"), 0, TWO_DELAYS, CLOCK, MIDDLE))
                .contains(new Verdict.RetryAt<>("500", "status 500", NOW, 1, NOW.plus(Duration.ofMinutes(1))));
        assertThat(Verdict.of(Outcome.failed("500", "status 500"), 1, TWO_DELAYS, CLOCK, MIDDLE))
                .contains(new Verdict.RetryAt<>("500", "status 500", NOW, 2, NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void a_failed_try_past_the_policys_last_delay_is_given_up() {
        assertThat(Verdict.of(Outcome.failed("500", "status 500"), 2, TWO_DELAYS, CLOCK, MIDDLE))
                .contains(new Verdict.GiveUp<>("500", "status 500", NOW, 3));
    }

    @Test
    void a_row_whose_subject_is_gone_gets_no_verdict() {
        assertThat(Verdict.of(Outcome.<String>gone(), 0, TWO_DELAYS, CLOCK, MIDDLE))
                .isEmpty();
    }

    @Test
    void a_clock_moved_on_moves_the_next_try_with_it() {
        Clock later = Clock.offset(CLOCK, Duration.ofHours(5));

        assertThat(Verdict.of(Outcome.failed(null, "refused"), 0, TWO_DELAYS, later, MIDDLE))
                .hasValueSatisfying(verdict -> assertThat(((Verdict.RetryAt<Object>) verdict).next())
                        .isEqualTo(NOW.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(1))));
    }

    @Test
    void the_patient_policy_of_mails_and_file_removals_waits_5_s_doubling_to_30_min_and_never_gives_up() {
        assertThat(Verdict.of(Outcome.failed(null, "down"), 0, RetryPolicy.PATIENT, CLOCK, MIDDLE))
                .hasValueSatisfying(verdict -> assertThat(((Verdict.RetryAt<Object>) verdict).next())
                        .isBetween(NOW.plusMillis(2_500), NOW.plusSeconds(5)));
        assertThat(Verdict.of(Outcome.failed(null, "down"), 1_000, RetryPolicy.PATIENT, CLOCK, MIDDLE))
                .hasValueSatisfying(verdict -> assertThat(((Verdict.RetryAt<Object>) verdict).next())
                        .isBetween(NOW.plus(Duration.ofMinutes(15)), NOW.plus(Duration.ofMinutes(30))));
    }
}
