package com.coaching.exports.shared.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** Always the largest value a bound allows. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** Always zero. */
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    @Test
    void full_jitter_waits_up_to_a_doubling_from_the_first_wait_capped() {
        RetryPolicy policy = RetryPolicy.exponentialFullJitter(Duration.ofSeconds(5), Duration.ofMinutes(5));

        assertThat(policy.delayAfter(1, HIGHEST)).contains(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(2, HIGHEST)).contains(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(6, HIGHEST)).contains(Duration.ofSeconds(160));
        assertThat(policy.delayAfter(7, HIGHEST)).contains(Duration.ofMinutes(5));
        assertThat(policy.delayAfter(1_000, HIGHEST)).contains(Duration.ofMinutes(5));
        assertThat(policy.delayAfter(7, LOWEST)).contains(Duration.ZERO);
    }

    @Test
    void half_jitter_waits_at_least_half_of_the_capped_doubling() {
        RetryPolicy policy = RetryPolicy.exponentialHalfJitter(Duration.ofSeconds(5), Duration.ofMinutes(30));

        assertThat(policy.delayAfter(1, LOWEST)).contains(Duration.ofMillis(2_500));
        assertThat(policy.delayAfter(3, HIGHEST)).contains(Duration.ofSeconds(20));
    }

    @Test
    void a_list_of_delays_is_given_in_turn_with_its_jitter_and_then_gives_up() {
        RetryPolicy policy = RetryPolicy.delays(List.of(Duration.ofSeconds(10), Duration.ofMinutes(5)), 0.2);

        assertThat(policy.delayAfter(1, LOWEST)).contains(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(1, HIGHEST)).contains(Duration.ofSeconds(12));
        assertThat(policy.delayAfter(2, LOWEST)).contains(Duration.ofMinutes(4));
        assertThat(policy.delayAfter(3, HIGHEST)).isEmpty();
    }
}
