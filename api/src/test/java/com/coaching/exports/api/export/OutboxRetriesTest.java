package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.messaging.OutboxProperties;
import com.coaching.exports.shared.outbox.Outcome;
import com.coaching.exports.shared.outbox.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** When a message the broker did not confirm is published again: judged by the clock alone. */
class OutboxRetriesTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final OutboxProperties DEFAULTS = new OutboxProperties(
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1));

    @Test
    void an_unconfirmed_message_is_due_again_after_the_grace_doubling_per_try_up_to_30_s_and_never_given_up() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        assertThat(nextAfter(0, clock)).isEqualTo(NOW.plusSeconds(5));
        assertThat(nextAfter(1, clock)).isEqualTo(NOW.plusSeconds(10));
        assertThat(nextAfter(2, clock)).isEqualTo(NOW.plusSeconds(20));
        assertThat(nextAfter(3, clock)).isEqualTo(NOW.plusSeconds(30));
        assertThat(nextAfter(1_000, clock)).isEqualTo(NOW.plusSeconds(30));
        assertThat(nextAfter(0, Clock.offset(clock, Duration.ofMinutes(1)))).isEqualTo(NOW.plusSeconds(65));
    }

    private static Instant nextAfter(int failedBefore, Clock clock) {
        Verdict<Boolean> verdict = Verdict.of(
                        Outcome.failed(false, "not confirmed"),
                        failedBefore,
                        DEFAULTS.retries(),
                        clock,
                        ThreadLocalRandom.current())
                .orElseThrow();
        return ((Verdict.RetryAt<Boolean>) verdict).next();
    }
}
