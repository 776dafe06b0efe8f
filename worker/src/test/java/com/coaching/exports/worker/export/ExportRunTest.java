package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

@WorkerTest
@Import({Jobs.class, Store.class})
@ExtendWith(OutputCaptureExtension.class)
class ExportRunTest {

    @Autowired
    Jobs jobs;

    @Autowired
    Store store;

    @Autowired
    StorageProperties storage;

    SourceRows rows;
    long trainer;
    long trainee;

    @BeforeEach
    void aTrainerWithATrainee() {
        rows = jobs.sourceRows();
        trainer = rows.trainer("Tess", "Trainer", "tess@example.com");
        trainee = rows.trainee(
                trainer, "Anna", "Müller", "anna@example.com", true, Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void a_queued_job_becomes_a_csv_file_in_the_store_and_succeeds_with_its_size_and_hash() throws Exception {
        rows.payments(trainer, trainee, 3);

        ExportJob queued = jobs.queue(trainer, Dataset.PAYMENTS, 30);
        ExportJob done = jobs.awaitStatus(queued.id(), JobStatus.SUCCEEDED);

        byte[] file = store.file(done);
        assertThat(done.result().rowCount()).isEqualTo(3);
        assertThat(done.rowsWritten()).isEqualTo(3);
        assertThat(done.result().sizeBytes()).isEqualTo(file.length);
        assertThat(done.result().sha256()).isEqualTo(sha256(file));
        assertThat(done.result().fileName()).startsWith("payments-").endsWith(".csv");
        assertThat(new String(file, StandardCharsets.UTF_8).split("\r\n")).hasSize(4);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        HeadObjectResponse head = store.head(done);
        assertThat(head.contentType()).startsWith("text/csv");
        assertThat(head.contentDisposition())
                .isEqualTo("attachment; filename=\"" + done.result().fileName() + "\"");
    }

    @Test
    void a_payments_export_run_after_its_request_holds_only_the_window_fixed_when_it_was_asked_for() {
        ExportJob waiting = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        rows.payment(
                trainer,
                trainee,
                "10.00",
                "EUR",
                "succeeded",
                "one-off",
                "Before the request",
                waiting.createdAt().minus(1, ChronoUnit.HOURS),
                null);
        rows.payment(
                trainer,
                trainee,
                "20.00",
                "EUR",
                "succeeded",
                "one-off",
                "After the request",
                waiting.createdAt().plusMillis(1),
                null);

        ExportJob done = jobs.awaitStatus(jobs.publish(waiting).id(), JobStatus.SUCCEEDED);

        String file = new String(store.file(done), StandardCharsets.UTF_8);
        assertThat(done.result().rowCount()).isEqualTo(1);
        assertThat(file).contains("Before the request").doesNotContain("After the request");
    }

    @Test
    void a_file_larger_than_one_part_is_uploaded_in_parts_and_arrives_whole() throws Exception {
        rows.manyPayments(
                trainer,
                trainee,
                120000,
                "A description long enough to make the file larger than one upload part, row ");

        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);

        byte[] file = store.file(done);
        assertThat(done.result().sizeBytes())
                .isGreaterThan(storage.partSize().toBytes())
                .isEqualTo(file.length);
        assertThat(done.result().sha256()).isEqualTo(sha256(file));
        assertThat(done.result().rowCount()).isEqualTo(120000);
        rows.removePaymentsOf(trainer);
    }

    @Test
    void a_second_message_for_a_finished_job_changes_nothing() {
        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.TRAINEES, null).id(), JobStatus.SUCCEEDED);

        jobs.sendAgain(done.id());

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> jobs.current(done.id()).equals(done));
        assertThat(jobs.current(done.id()).attempts()).isEqualTo(1);
    }

    @Test
    void an_unreadable_message_is_dropped_once_never_redelivered_and_the_next_job_still_runs(CapturedOutput output) {
        String notJson = "poison-" + UUID.randomUUID();
        String unknownVersion = "poison-" + UUID.randomUUID();
        jobs.sendUnreadable("{not json", notJson);
        jobs.sendUnreadable("{\"version\": 99, \"jobId\": \"0b6f5f9e-3c1a-4d3e-9a53-2f1f0e4c9a10\"}", unknownVersion);

        ExportJob queued = jobs.queue(trainer, Dataset.SUBSCRIBERS, null);

        assertThat(jobs.awaitStatus(queued.id(), JobStatus.SUCCEEDED).result().rowCount())
                .isZero();
        // a message requeued instead of dropped comes back at once, and is rejected again and again
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rejections(output, notJson) == 1 && rejections(output, unknownVersion) == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> rejections(output, notJson) == 1 && rejections(output, unknownVersion) == 1);
        assertThat(output.getOut()).doesNotContain("id=" + notJson + " redelivered=true");
    }

    /** How often the worker logged that it rejected the message with this id. */
    private static long rejections(CapturedOutput output, String messageId) {
        return output.getOut()
                .lines()
                .filter(line -> line.contains("message rejected id=" + messageId + " "))
                .count();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
