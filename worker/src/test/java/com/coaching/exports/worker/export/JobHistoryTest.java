package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every move of a job writes exactly one {@code export_job_event} row and one INFO line, and a move
 * whose guard fails writes neither and changes nothing.
 */
@WorkerTest
@Import(Jobs.class)
@ExtendWith(OutputCaptureExtension.class)
class JobHistoryTest {

    static final String WORKER = "history-worker";

    @Autowired
    JobTransitions transitions;

    @Autowired
    JobOutcomes outcomes;

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    long trainer;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @BeforeEach
    void aTrainerAndNoConsumers() {
        trainer = new SourceRows(jdbc).trainer("Hilda", "History", "hilda@example.com");
        // this test moves its jobs itself: a requeue publishes the job again, and the context's own
        // consumers would otherwise claim it between the requeue and the test's next claim
        listeners.stop();
    }

    @AfterEach
    void consumersBack() {
        listeners.start();
    }

    @Test
    void a_job_that_runs_to_its_end_and_expires_has_one_row_and_one_line_per_move(CapturedOutput output) {
        ExportJob job = jobs.insertQueued(trainer, Dataset.TRAINEES, null);
        ExportJob running = claim(job);
        assertThat(outcomes.succeed(running, Holder.of(WORKER, 1), aFile(running)))
                .isEqualTo(Settled.MOVED);
        assertThat(transitions.expire(job.id(), Instant.now())).isTrue();

        assertThat(history(job.id()))
                .containsExactly(
                        tuple(null, "QUEUED", JobTransitions.BY_TRAINER, null),
                        tuple("QUEUED", "RUNNING", WORKER, null),
                        tuple("RUNNING", "SUCCEEDED", WORKER, null),
                        tuple("SUCCEEDED", "EXPIRED", JobTransitions.BY_RETENTION, "retention ended"));
        assertThat(linesOf(job, output))
                .satisfiesExactly(
                        line -> assertThat(line)
                                .contains("job created job=" + job.id() + " trainer=" + trainer
                                        + " dataset=trainees from=none to=QUEUED by=trainer attempt=0"),
                        line -> assertThat(line)
                                .contains("job started job=" + job.id())
                                .contains(" from=QUEUED to=RUNNING by=" + WORKER + " attempt=1"),
                        line -> assertThat(line)
                                .contains("job succeeded job=" + job.id())
                                .contains(" from=RUNNING to=SUCCEEDED by=" + WORKER + " attempt=1 rows=3 bytes=42 ms="),
                        line -> assertThat(line)
                                .contains("job expired job=" + job.id())
                                .contains(
                                        " from=SUCCEEDED to=EXPIRED by=retention attempt=1 reason=\"retention ended\""));
    }

    @Test
    void a_job_requeued_and_then_failed_records_both_moves_with_their_reasons(CapturedOutput output) {
        ExportJob job = jobs.insertQueued(trainer, Dataset.TRAINEES, null);
        assertThat(outcomes.requeue(claim(job), Holder.of(WORKER, 1), "worker stopping"))
                .isEqualTo(Settled.MOVED);
        ExportJob second = claim(job);
        assertThat(outcomes.fail(second, Holder.expired(WORKER, 2, Instant.now().plusSeconds(60)), broke()))
                .isEqualTo(Settled.MOVED);

        assertThat(history(job.id()))
                .containsExactly(
                        tuple(null, "QUEUED", "trainer", null),
                        tuple("QUEUED", "RUNNING", WORKER, null),
                        tuple("RUNNING", "QUEUED", WORKER, "worker stopping"),
                        tuple("QUEUED", "RUNNING", WORKER, null),
                        tuple("RUNNING", "FAILED", Holder.LEASE_SWEEPER, JobError.EXPORT_FAILED));
        assertThat(linesOf(job, output))
                .hasSize(5)
                .filteredOn(line -> line.contains("job requeued") || line.contains("job failed"))
                .satisfiesExactly(
                        line -> assertThat(line)
                                .contains(" from=RUNNING to=QUEUED by=" + WORKER
                                        + " attempt=1 reason=\"worker stopping\"")
                                .doesNotContain("ms="),
                        line -> assertThat(line)
                                .contains(" from=RUNNING to=FAILED by=lease-sweeper attempt=2 reason=\"EXPORT_FAILED\""
                                        + " rows=0 ms="));
    }

    @Test
    void a_queued_job_cancelled_by_its_trainer_and_a_running_one_stopped_by_its_worker_record_who_did_it(
            CapturedOutput output) {
        ExportJob queued = jobs.insertQueued(trainer, Dataset.TRAINEES, null);
        ExportJob running = claim(jobs.insertQueued(trainer, Dataset.TRAINEES, null));

        assertThat(transitions.cancelQueued(queued.id(), Instant.now())).isTrue();
        assertThat(transitions.requestCancel(running.id())).isTrue();
        assertThat(outcomes.cancel(running, Holder.of(WORKER, 1))).isTrue();

        assertThat(history(queued.id()))
                .containsExactly(
                        tuple(null, "QUEUED", "trainer", null),
                        tuple("QUEUED", "CANCELLED", "trainer", "cancelled by trainer"));
        assertThat(history(running.id()))
                .containsExactly(
                        tuple(null, "QUEUED", "trainer", null),
                        tuple("QUEUED", "RUNNING", WORKER, null),
                        tuple("RUNNING", "CANCELLED", WORKER, "cancelled by trainer"));
        assertThat(linesOf(queued, output)).hasSize(2).last().asString().contains("job cancelled");
        assertThat(linesOf(running, output)).hasSize(3).last().asString().contains("job cancelled");
    }

    @Test
    void a_move_whose_guard_fails_writes_no_history_logs_nothing_and_changes_nothing(CapturedOutput output) {
        ExportJob job = jobs.insertQueued(trainer, Dataset.TRAINEES, null);
        ExportJob running = claim(job);
        List<Tuple> historyBefore = history(job.id());
        List<String> linesBefore = linesOf(job, output);

        Holder replaced = Holder.of(WORKER, 2);
        Holder leaseStillAlive = Holder.expired(WORKER, 1, Instant.now().minusSeconds(60));
        assertThat(transitions.claim(job.id(), "another-worker", Instant.now())).isFalse();
        assertThat(outcomes.succeed(running, replaced, aFile(running))).isEqualTo(Settled.NOT_HELD);
        assertThat(outcomes.fail(running, replaced, broke())).isEqualTo(Settled.NOT_HELD);
        assertThat(outcomes.requeue(running, leaseStillAlive, "lease expired")).isEqualTo(Settled.NOT_HELD);
        assertThat(outcomes.cancel(running, Holder.of(WORKER, 1))).isFalse(); // no cancel was asked for
        assertThat(transitions.cancelQueued(job.id(), Instant.now())).isFalse();
        assertThat(transitions.expire(job.id(), Instant.now())).isFalse();

        assertThat(jobs.current(job.id())).isEqualTo(running);
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(history(job.id())).isEqualTo(historyBefore).hasSize(2);
        assertThat(linesOf(job, output)).isEqualTo(linesBefore).hasSize(2);
    }

    private ExportJob claim(ExportJob job) {
        assertThat(transitions.claim(job.id(), WORKER, Instant.now())).isTrue();
        return jobs.current(job.id());
    }

    private static JobResult aFile(ExportJob job) {
        return new JobResult(job.fileName(), job.objectKey(), 3, 42, "00", job.contentType(), null);
    }

    private static JobError broke() {
        return new JobError(JobError.EXPORT_FAILED, "broke");
    }

    /** The job's history rows, oldest first: from, to, by, reason. */
    private List<Tuple> history(UUID jobId) {
        return jdbc.sql(
                        "select from_status, to_status, by, reason from export_job_event where job_id = :id order by id")
                .param("id", jobId)
                .query((rs, n) -> tuple(
                        rs.getString("from_status"),
                        rs.getString("to_status"),
                        rs.getString("by"),
                        rs.getString("reason")))
                .list();
    }

    /** The INFO lines of the job's moves: each names it as {@code job=<id>}. */
    private static List<String> linesOf(ExportJob job, CapturedOutput output) {
        return Arrays.stream(output.getOut().split("\\R"))
                .filter(line -> line.contains(" INFO ") && line.contains(" job=" + job.id()))
                .toList();
    }
}
