package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.secret.DevSecrets;
import com.coaching.exports.worker.WorkerApplication;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Exports long enough to be stopped half way: by a cancel, by a worker shutting down. */
@WorkerTest
@Import({Jobs.class, Store.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// progress (and so a cancel) looked at five times a second: the export must still be running when it is seen
@TestPropertySource(properties = "exports.worker.progress-interval=200ms")
class LongExportTest {

    static final int ROWS = 800_000;

    @Autowired
    Jobs jobs;

    @Autowired
    JobTransitions transitions;

    @Autowired
    ExportRunner runner;

    @Autowired
    Store store;

    @Autowired
    JdbcClient jdbc;

    long trainer;

    @BeforeAll
    void aTrainerWithManyPayments() {
        SourceRows rows = new SourceRows(jdbc);
        trainer = rows.trainer("Big", "Trainer", "big@example.com");
        long trainee = rows.trainee(trainer, "Anna", "Lee", "anna@example.com", true, Instant.now());
        rows.manyPayments(trainer, trainee, ROWS, "Row ");
    }

    @AfterAll
    void removeThem() {
        new SourceRows(jdbc).removePaymentsOf(trainer);
    }

    @Test
    void a_running_export_stops_within_two_seconds_of_a_cancel_and_leaves_no_file() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runner.run(job.id()));
        awaitRowsWritten(job);

        transitions.requestCancel(job.id());

        await().atMost(Duration.ofSeconds(2)).until(() -> jobs.current(job.id()).status() == JobStatus.CANCELLED);
        running.join();
        assertThat(store.keysOfJob(trainer, job.id())).isEmpty();
    }

    @Test
    void a_worker_that_shuts_down_mid_export_gives_the_job_back_and_it_finishes_elsewhere() {
        ConfigurableApplicationContext stopping = WorkerApplication.application()
                .properties(Map.of(
                        "exports.worker.id",
                        "stopping-worker",
                        "exports.worker.shutdown-grace",
                        "0s",
                        "exports.source.migrate",
                        "true",
                        "spring.rabbitmq.listener.simple.auto-startup",
                        "false",
                        "exports.links.secret",
                        DevSecrets.TEST_LINKS,
                        "exports.destinations.key",
                        DevSecrets.TEST_DESTINATIONS_KEY,
                        DevSecrets.ALLOW,
                        "true"))
                .run("--server.port=0");
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        CompletableFuture<Void> running = CompletableFuture.runAsync(
                () -> stopping.getBean(ExportRunner.class).run(job.id()));
        awaitRowsWritten(job);

        stopping.close();

        running.join();
        assertThat(heldBy(job)).isNotEqualTo("stopping-worker");
        // the requeue's message leaves from the stopping worker's publisher, which waits for its confirm before
        // the broker connection goes (RequeueAtShutdownTest); a confirm that does not come in time leaves the
        // outbox entry to the API's outbox sweeper (not in this context). This sends it again as that sweeper
        // would, so the test does not hang on a slow broker; a second message for a job is harmless.
        jobs.sendAgain(job.id());
        ExportJob done = jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.result().rowCount()).isEqualTo(ROWS);
        assertThat(store.keysOfJob(trainer, job.id()))
                .containsExactly(done.result().objectKey());
    }

    private void awaitRowsWritten(ExportJob job) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ExportJob current = jobs.current(job.id());
            return current.status() == JobStatus.RUNNING && current.rowsWritten() > 0;
        });
    }

    private String heldBy(ExportJob job) {
        return jdbc.sql("select coalesce(worker_id, '') from export_job where id = :id")
                .param("id", job.id())
                .query(String.class)
                .single();
    }
}
