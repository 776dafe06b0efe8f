package com.coaching.exports.shared.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A pass claims what is due, tries each row and records what its outbox's policy says. */
class OutboxEngineTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final RetryPolicy ONE_RETRY = RetryPolicy.delays(List.of(Duration.ofMinutes(1)), 0);
    static final RandomGenerator NO_JITTER = () -> 0;

    /** Rows in memory: a name, when it is due, its failed tries; it fails while its name says so. */
    static final class Rows implements Outbox<String, String> {
        final Map<String, Instant> due = new LinkedHashMap<>();
        final Map<String, Integer> failed = new LinkedHashMap<>();
        final List<String> done = new ArrayList<>();
        final List<String> givenUp = new ArrayList<>();

        @Override
        public List<String> claim(Instant now, int limit) {
            List<String> claimed = due.entrySet().stream()
                    .filter(row -> !row.getValue().isAfter(now))
                    .map(Map.Entry::getKey)
                    .limit(limit)
                    .toList();
            claimed.forEach(row -> due.put(row, now.plus(Duration.ofMinutes(2)))); // leased
            return claimed;
        }

        @Override
        public int failedTries(String row) {
            return failed.getOrDefault(row, 0);
        }

        @Override
        public Outcome<String> process(String row) {
            if (row.startsWith("gone")) {
                return Outcome.gone();
            }
            return row.startsWith("failing") ? Outcome.failed(row, "refused") : Outcome.succeeded(row);
        }

        @Override
        public void record(String row, Verdict<String> verdict) {
            if (verdict instanceof Verdict.RetryAt<String> retry) {
                failed.merge(row, 1, Integer::sum);
                due.put(row, retry.next());
            } else if (verdict instanceof Verdict.GiveUp<String>) {
                due.remove(row);
                givenUp.add(row);
            } else {
                due.remove(row);
                done.add(row);
            }
        }
    }

    @Test
    void a_pass_records_the_rows_that_succeeded_and_retries_the_failed_one_after_its_delay_then_gives_it_up() {
        Rows rows = new Rows();
        rows.due.put("sent", NOW);
        rows.due.put("failing", NOW);
        rows.due.put("later", NOW.plusSeconds(30));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        assertThat(new OutboxEngine<>(rows, ONE_RETRY, clock, NO_JITTER).pass(10))
                .isEqualTo(2);

        assertThat(rows.done).containsExactly("sent");
        assertThat(rows.due).containsEntry("failing", NOW.plus(Duration.ofMinutes(1)));
        assertThat(rows.due).containsEntry("later", NOW.plusSeconds(30));

        Clock aMinuteOn = Clock.offset(clock, Duration.ofMinutes(1));
        assertThat(new OutboxEngine<>(rows, ONE_RETRY, aMinuteOn, NO_JITTER).pass(10))
                .isEqualTo(2);

        assertThat(rows.done).containsExactly("sent", "later");
        assertThat(rows.givenUp).containsExactly("failing");
        assertThat(rows.due).isEmpty();
    }

    @Test
    void a_row_whose_subject_is_gone_is_left_as_its_claim_left_it() {
        Rows rows = new Rows();
        rows.due.put("gone", NOW);

        new OutboxEngine<>(rows, ONE_RETRY, Clock.fixed(NOW, ZoneOffset.UTC), NO_JITTER).pass(10);

        assertThat(rows.done).isEmpty();
        assertThat(rows.due).containsEntry("gone", NOW.plus(Duration.ofMinutes(2)));
    }
}
