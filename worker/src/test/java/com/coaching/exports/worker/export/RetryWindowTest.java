package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryWindowTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    /** The longest wait the policy allows. */
    static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    final RetryWindow window = new RetryWindow(
            Duration.ofHours(1), RetryPolicy.exponentialFullJitter(Duration.ofSeconds(5), Duration.ofMinutes(5)));

    @Test
    void a_job_failed_for_the_first_time_waits_up_to_five_seconds() {
        assertThat(window.retryAt(job(null, 0), NOW, HIGHEST)).contains(NOW.plusSeconds(5));
    }

    @Test
    void each_wait_may_last_twice_as_long_as_the_one_before_up_to_five_minutes() {
        Instant since = NOW.minusSeconds(60);

        assertThat(window.retryAt(job(since, 1), NOW, HIGHEST)).contains(NOW.plusSeconds(10));
        assertThat(window.retryAt(job(since, 4), NOW, HIGHEST)).contains(NOW.plusSeconds(80));
        assertThat(window.retryAt(job(since, 12), NOW, HIGHEST)).contains(NOW.plusSeconds(300));
    }

    @Test
    void a_job_failing_for_less_than_the_window_waits_and_one_failing_for_the_window_gives_up() {
        assertThat(window.retryAt(job(NOW.minus(Duration.ofMinutes(59)), 20), NOW, HIGHEST))
                .isPresent();
        assertThat(window.retryAt(job(NOW.minus(Duration.ofHours(1)), 20), NOW, HIGHEST))
                .isEmpty();
    }

    @Test
    void a_window_of_zero_fails_a_job_at_its_first_failure() {
        RetryWindow none = new RetryWindow(Duration.ZERO, window.policy());

        assertThat(none.retryAt(job(null, 0), NOW, HIGHEST)).isEmpty();
    }

    private static ExportJob job(Instant failingSince, int waits) {
        ExportJob queued = ExportJob.queued(UUID.randomUUID(), 1, Dataset.TRAINEES, null, false, NOW);
        return new ExportJob(
                queued.id(),
                queued.trainerId(),
                queued.dataset(),
                null,
                false,
                queued.status(),
                queued.createdAt(),
                null,
                null,
                0,
                null,
                false,
                waits + 1,
                null,
                null,
                null,
                queued.lane(),
                queued.options(),
                null,
                failingSince,
                waits,
                null);
    }
}
