package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.WorkerIdentity;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database refuses a job's outcome (it went away at that moment): the message goes back to
 * the queue, the consumer goes on taking messages, and the job, no longer run by anyone, loses its
 * lease and the lease sweeper requeues it, then it ends with one file.
 */
@WorkerTest
@Import({Jobs.class, Store.class})
class OutcomeNotRecordedTest {

    @Autowired
    Jobs jobs;

    @Autowired
    Store store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkerIdentity worker;

    long trainer;

    @BeforeEach
    void aTrainerWithAPayment() {
        trainer = jobs.sourceRows().trainerWithPayments("Olga", "Outage", "olga@example.com", 1);
    }

    @AfterEach
    void databaseBack() {
        jdbc.sql("drop trigger if exists refuse_success on export_job").update();
        jdbc.sql("drop function if exists refuse_success()").update();
    }

    @Test
    void an_outcome_the_database_refused_leaves_the_lane_working_and_the_job_ends_after_its_lease_runs_out() {
        ExportJob refused = jobs.insertQueuedBulk(trainer, Dataset.PAYMENTS, 30);
        databaseRefusesTheSuccessOf(refused.id());
        jobs.publish(refused);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> store.keysOfJob(trainer, refused.id()).size() == 1);
        // no thread runs it here any more: its lease is not renewed (heartbeats come every second)
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jobs.heartbeatAge(refused.id()).compareTo(Duration.ofSeconds(4)) > 0);
        assertThat(jobs.current(refused.id()).status()).isEqualTo(JobStatus.RUNNING);

        // the bulk lane has one consumer: it still takes the next job
        ExportJob next = jobs.queueBulk(trainer, Dataset.PAYMENTS, 30);
        assertThat(jobs.awaitStatus(next.id(), JobStatus.SUCCEEDED).result().rowCount())
                .isEqualTo(1);

        databaseBack();
        jobs.leaseExpires(refused.id());
        ExportJob done = jobs.awaitStatus(refused.id(), JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(store.keysOfJob(trainer, refused.id()))
                .containsExactly(done.result().objectKey());
    }

    @Test
    void a_job_held_in_this_workers_name_but_run_by_no_thread_here_is_not_renewed() {
        ExportJob orphan = jobs.insertQueued(trainer, Dataset.TRAINEES, null);
        jobs.claimedBy(orphan, worker.id());

        // heartbeats come every second: a renewed lease would never be four seconds old
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jobs.heartbeatAge(orphan.id()).compareTo(Duration.ofSeconds(4)) > 0);

        jobs.leaseExpires(orphan.id());
        assertThat(jobs.awaitStatus(orphan.id(), JobStatus.SUCCEEDED).attempts())
                .isEqualTo(2);
    }

    /** An error of the connection class, as PgJDBC reports a server that went away. */
    private void databaseRefusesTheSuccessOf(UUID jobId) {
        jdbc.sql("""
                create or replace function refuse_success() returns trigger language plpgsql as $$
                begin
                  if new.status = 'SUCCEEDED' and new.id = '%s' then
                    raise exception 'injected: the database went away' using errcode = '08006';
                  end if;
                  return new;
                end $$""".formatted(jobId)).update();
        jdbc.sql(
                        "create trigger refuse_success before update on export_job for each row execute function refuse_success()")
                .update();
    }
}
