package com.coaching.exports.shared.job;

import static com.coaching.exports.shared.job.JobStatus.CANCELLED;
import static com.coaching.exports.shared.job.JobStatus.QUEUED;
import static com.coaching.exports.shared.job.JobStatus.RUNNING;
import static com.coaching.exports.shared.job.JobStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStatusTest {

    /**
     * The allowed moves, written out from the state diagram in docs/architecture.md ("Job states")
     * and docs/api.md: a row is the state a job is in, a column the state it would move to, {@code x}
     * an allowed move. Every one of the 36 pairs is checked against {@link JobStatus}, so a move added
     * to or dropped from the enum alone fails here.
     */
    static final String ALLOWED_MOVES = """
                       QUEUED  RUNNING  SUCCEEDED  FAILED  CANCELLED  EXPIRED
            QUEUED     .       x        .          x       x          .
            RUNNING    x       .        x          x       x          .
            SUCCEEDED  .       .        .          .       .          x
            FAILED     .       .        .          .       .          .
            CANCELLED  .       .        .          .       .          .
            EXPIRED    .       .        .          .       .          .
            """;

    @Test
    void every_move_between_two_states_is_allowed_exactly_when_the_documented_table_allows_it() {
        List<String> lines = ALLOWED_MOVES.lines().toList();
        String[] targets = lines.get(0).trim().split("\\s+");
        assertThat(targets).as("the table's columns").hasSize(JobStatus.values().length);
        List<String> wrong = new ArrayList<>();
        int pairs = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            JobStatus from = JobStatus.valueOf(cells[0]);
            for (int column = 0; column < targets.length; column++) {
                JobStatus to = JobStatus.valueOf(targets[column]);
                boolean documented = cells[column + 1].equals("x");
                if (from.canMoveTo(to) != documented) {
                    wrong.add(from + " -> " + to
                            + (documented ? " is documented but refused" : " is allowed but undocumented"));
                }
                pairs++;
            }
        }

        assertThat(wrong).isEmpty();
        assertThat(pairs).as("pairs checked").isEqualTo(36);
    }

    @Test
    void an_illegal_move_throws_and_names_both_states() {
        assertThatThrownBy(() -> SUCCEEDED.requireMoveTo(CANCELLED))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("SUCCEEDED")
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void an_allowed_move_passes_the_check() {
        assertThatCode(() -> RUNNING.requireMoveTo(QUEUED)).doesNotThrowAnyException();
    }

    @Test
    void only_queued_and_running_jobs_are_active() {
        assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isActive))
                .containsExactlyInAnyOrder(QUEUED, RUNNING);
    }
}
