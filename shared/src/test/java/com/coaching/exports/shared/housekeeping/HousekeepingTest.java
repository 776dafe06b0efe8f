package com.coaching.exports.shared.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;

/** A round that fails is logged as skipped, by the task's name, and the task runs again. */
@ExtendWith(OutputCaptureExtension.class)
class HousekeepingTest {

    /** Fails its first round as a database that is away does, then runs. */
    static class Sweep implements HousekeepingTask {
        final AtomicInteger rounds = new AtomicInteger();

        @Override
        public String name() {
            return "outbox sweep";
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(5);
        }

        @Override
        public void runOnce() {
            if (rounds.incrementAndGet() == 1) {
                throw new DataAccessResourceFailureException("Connection refused");
            }
        }
    }

    @Test
    void a_round_that_fails_logs_its_task_skipped_with_the_reason_and_the_next_round_runs(CapturedOutput output) {
        Sweep sweep = new Sweep();

        Housekeeping.run(sweep);
        Housekeeping.run(sweep);

        assertThat(output).contains("WARN").contains("outbox sweep skipped: Connection refused");
        assertThat(output.toString().lines().filter(line -> line.contains("skipped")))
                .hasSize(1);
        assertThat(sweep.rounds).hasValue(2);
    }

    @Test
    void a_round_that_fails_unexpectedly_is_skipped_too_with_its_stack_trace(CapturedOutput output) {
        HousekeepingTask broken = new Sweep() {
            @Override
            public void runOnce() {
                throw new IllegalStateException("a bug");
            }
        };

        Housekeeping.run(broken);

        assertThat(output).contains("outbox sweep skipped: a bug").contains("at com.coaching.exports");
    }
}
