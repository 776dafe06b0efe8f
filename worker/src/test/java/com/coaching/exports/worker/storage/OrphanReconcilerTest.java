package com.coaching.exports.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.export.Leases;
import com.coaching.exports.worker.storage.OrphanReconciler.Reconciled;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;

/**
 * The reconciler against the real store and database: what no job holds goes once older than the
 * grace (1 h); a job's file, a running attempt's upload and anything younger stay. Each test
 * reconciles only its own trainer's folder, as other tests share the bucket.
 */
@WorkerTest
@Import({Jobs.class, Store.class})
class OrphanReconcilerTest {

    static final Duration PAST_THE_GRACE = Duration.ofHours(1).plusMinutes(1);

    @Value("${local.server.port}")
    int port;

    @Autowired
    OrphanReconciler reconciler;

    @Autowired
    Jobs jobs;

    @Autowired
    JobTransitions transitions;

    @Autowired
    Leases leases;

    @Autowired
    Store store;

    long trainer;
    String folder;

    @BeforeEach
    void aTrainer() {
        trainer = jobs.sourceRows().trainer("Otto", "Orphan", "otto@example.com");
        folder = "exports/" + trainer + "/";
    }

    @Test
    void a_file_no_job_holds_is_removed_once_older_than_the_grace_and_counted() {
        UUID deletedJob = UUID.randomUUID();
        store.put(folder + deletedJob + "/attempt-1/payments-2026-12-01.csv", "a deleted job's file");
        double before = removedSoFar("object");

        Reconciled pass = reconciler.reconcile(folder, Instant.now().plus(PAST_THE_GRACE));

        assertThat(pass).isEqualTo(new Reconciled(1, 0));
        assertThat(store.keysOfJob(trainer, deletedJob)).isEmpty();
        assertThat(removedSoFar("object")).isEqualTo(before + 1);
    }

    @Test
    void a_file_no_job_holds_stays_while_younger_than_the_grace() {
        UUID finishing = UUID.randomUUID();
        String key = folder + finishing + "/attempt-1/payments-2026-12-01.csv";
        store.put(key, "a file whose job is not yet told");

        Reconciled pass = reconciler.reconcile(folder, Instant.now().plus(Duration.ofMinutes(59)));

        assertThat(pass).isEqualTo(new Reconciled(0, 0));
        assertThat(store.keysOfJob(trainer, finishing)).containsExactly(key);
    }

    @Test
    void a_succeeded_jobs_file_stays_however_old_while_another_attempts_file_of_that_job_goes() {
        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.TRAINEES, null).id(), JobStatus.SUCCEEDED);
        String lostAttempt = folder + done.id() + "/attempt-9/trainees-2026-12-01.csv";
        store.put(lostAttempt, "a file of an attempt that lost the job");

        Reconciled pass = reconciler.reconcile(folder, Instant.now().plus(Duration.ofDays(3)));

        assertThat(pass).isEqualTo(new Reconciled(1, 0));
        assertThat(store.keysOfJob(trainer, done.id()))
                .containsExactly(done.result().objectKey());
    }

    @Test
    void an_old_upload_no_job_holds_is_aborted_while_a_running_attempts_upload_and_file_are_kept() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        String runningKey = jobs.claimedBy(job, "a-busy-worker").objectKey();
        String runningUpload = store.abandonedUpload(runningKey);
        leases.recordUpload(job.id(), Holder.of("a-busy-worker", 1), runningUpload);
        String orphanKey = folder + UUID.randomUUID() + "/attempt-2/payments-2026-12-01.csv";
        String orphanUpload = store.abandonedUpload(orphanKey);
        double before = removedSoFar("upload");
        try {
            Reconciled pass = reconciler.reconcile(folder, Instant.now().plus(PAST_THE_GRACE));

            assertThat(pass).isEqualTo(new Reconciled(0, 1));
            assertThat(store.uploadHoldsParts(runningKey, runningUpload)).isTrue();
            assertThat(store.uploadHoldsParts(orphanKey, orphanUpload)).isFalse();
            assertThat(removedSoFar("upload")).isEqualTo(before + 1);
        } finally {
            transitions.delete(job.id());
            reconciler.reconcile(folder, Instant.now().plus(PAST_THE_GRACE));
        }
    }

    /** {@code exports_orphan_files_removed_total{kind=…}} as Prometheus reads it. */
    private double removedSoFar(String kind) {
        String scrape;
        try {
            scrape = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                    .build(),
                            BodyHandlers.ofString())
                    .body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return scrape.lines()
                .filter(line -> line.startsWith("exports_orphan_files_removed_total{"))
                .filter(line -> Arrays.asList("kind=\"" + kind + "\"").stream().allMatch(line::contains))
                .findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElse(0.0);
    }
}
