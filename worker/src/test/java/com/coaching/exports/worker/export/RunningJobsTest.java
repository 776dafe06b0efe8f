package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.worker.WorkerProperties;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunningJobsTest {

    final RunningJobs running = new RunningJobs(new WorkerProperties(
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            3,
            Duration.ZERO,
            Duration.ofMinutes(10)));

    @Test
    void a_stopping_worker_takes_no_new_job() {
        running.start();
        running.stop();

        assertThat(running.admit(UUID.randomUUID())).isFalse();
    }

    @Test
    void a_worker_started_again_after_a_stop_takes_jobs_again() {
        running.start();
        running.stop();
        running.start();

        assertThat(running.admit(UUID.randomUUID())).isTrue();
        assertThat(running.mustStop()).isFalse();
    }

    @Test
    void running_exports_are_told_to_stop_once_the_grace_period_is_over() throws InterruptedException {
        running.start();
        UUID job = UUID.randomUUID();
        running.admit(job);
        Thread export = new Thread(() -> {
            while (!running.mustStop()) {
                Thread.onSpinWait();
            }
            running.finished(job); // gave the job back
        });
        export.start();

        running.stop();

        assertThat(running.mustStop()).isTrue();
        assertThat(running.admit(UUID.randomUUID())).isFalse();
        export.join(1000);
    }

    @Test
    void a_job_delivered_to_two_consumers_stays_running_until_both_are_done() {
        running.start();
        UUID job = UUID.randomUUID();
        running.admit(job);
        running.admit(job);

        running.finished(job);

        assertThat(running.jobs()).containsExactly(job);
        running.finished(job);
        assertThat(running.jobs()).isEmpty();
    }

    @Test
    void only_the_jobs_running_now_are_listed_for_their_leases() {
        running.start();
        UUID done = UUID.randomUUID();
        UUID runs = UUID.randomUUID();
        running.admit(done);
        running.admit(runs);

        running.finished(done);

        assertThat(running.jobs()).containsExactly(runs);
    }
}
