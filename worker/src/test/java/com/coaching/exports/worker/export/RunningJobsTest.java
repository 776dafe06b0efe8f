package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.worker.WorkerProperties;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class RunningJobsTest {

    final RunningJobs running = new RunningJobs(new WorkerProperties(
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            3,
            Duration.ZERO,
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofSeconds(5),
            Duration.ofMinutes(2),
            1));

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
    void
            running_exports_are_told_to_stop_once_the_grace_period_is_over_and_the_stop_waits_until_they_gave_their_jobs_back()
                    throws InterruptedException {
        running.start();
        UUID job = UUID.randomUUID();
        running.admit(job);
        AtomicBoolean toldToStop = new AtomicBoolean();
        Thread export = new Thread(() -> {
            while (!running.mustStop()) {
                Thread.onSpinWait();
            }
            toldToStop.set(true);
            // aborting the upload and requeueing the job takes a moment: the stop must wait for it
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            running.finished(job); // gave the job back
        });
        export.start();

        long started = System.nanoTime();
        running.stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stopping).as("the stop returns once the job is given back").isLessThan(Duration.ofSeconds(5));
        assertThat(toldToStop).as("the export was told to stop").isTrue();
        assertThat(running.jobs()).as("jobs still held once the stop returned").isEmpty();
        assertThat(running.admit(UUID.randomUUID())).isFalse();
        export.join(Duration.ofSeconds(5).toMillis());
        assertThat(export.isAlive()).isFalse();
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
