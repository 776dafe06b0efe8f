package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.WorkerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A cancel asked for before a running job's outcome is written wins over that outcome. */
@WorkerTest
@Import(Jobs.class)
class CancelWinsTest {

    static final Holder WORKER = Holder.of("a-worker", 1);

    @Autowired
    JobOutcomes outcomes;

    @Autowired
    JobTransitions transitions;

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    ExportJob running;

    @BeforeEach
    void aRunningJobWhoseTrainerAskedForMail() {
        long trainer = jobs.sourceRows().trainer("Carl", "Cancel", "carl@example.com");
        running = jobs.claimedBy(jobs.insertQueued(trainer, Dataset.TRAINEES, null, true), WORKER.workerId());
    }

    @Test
    void a_cancel_asked_for_during_the_final_upload_ends_the_job_cancelled_without_a_mail() {
        transitions.requestCancel(running.id());

        Settled settled = outcomes.succeed(running, WORKER, aFile());

        assertThat(settled).isEqualTo(Settled.CANCELLED);
        ExportJob now = jobs.current(running.id());
        assertThat(now.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(now.result()).isNull();
        assertThat(mailsOf(running)).isZero();
    }

    @Test
    void a_cancel_asked_for_before_a_failure_is_recorded_ends_the_job_cancelled() {
        transitions.requestCancel(running.id());

        Settled settled = outcomes.fail(running, WORKER, new JobError(JobError.EXPORT_FAILED, "broke"));

        assertThat(settled).isEqualTo(Settled.CANCELLED);
        assertThat(jobs.current(running.id()).error()).isNull();
        assertThat(mailsOf(running)).isZero();
    }

    @Test
    void a_job_requeued_at_shutdown_keeps_its_cancel() {
        transitions.requestCancel(running.id());

        Settled settled = outcomes.requeue(running, WORKER, "worker stopping");

        assertThat(settled).isEqualTo(Settled.CANCELLED);
        assertThat(jobs.current(running.id()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void an_attempt_that_was_replaced_moves_nothing() {
        Settled settled = outcomes.succeed(running, Holder.of(WORKER.workerId(), 2), aFile());

        assertThat(settled).isEqualTo(Settled.NOT_HELD);
        assertThat(jobs.current(running.id()).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void without_a_cancel_the_success_is_recorded_with_its_mail() {
        Settled settled = outcomes.succeed(running, WORKER, aFile());

        assertThat(settled).isEqualTo(Settled.MOVED);
        assertThat(jobs.current(running.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(mailsOf(running)).isOne();
    }

    private JobResult aFile() {
        return new JobResult(running.fileName(), running.objectKey(), 1, 10, "00", running.contentType(), null);
    }

    private int mailsOf(ExportJob job) {
        return jdbc.sql("select count(*) from export_mail where job_id = :id")
                .param("id", job.id())
                .query(Integer.class)
                .single();
    }
}
