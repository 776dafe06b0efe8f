package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.ExportFormat;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines, the status filter and dataAsOf end to end: rows in PostgreSQL, the worker's COPY, the
 * file in the store, read back by Jackson.
 */
@WorkerTest
@Import({Jobs.class, Store.class})
class JsonlExportTest {

    private static final JsonMapper JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    @Autowired
    Jobs jobs;

    @Autowired
    JobTransitions transitions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Store store;

    SourceRows rows;
    long trainer;
    long trainee;
    Instant created;

    @BeforeEach
    void aTrainerWithATrainee() {
        rows = new SourceRows(jdbc);
        trainer = rows.trainer("Jay", "Lines", "jay@example.com");
        trainee = rows.trainee(
                trainer, "Zoë", "\"Quote\" \\", "zoe@example.com", true, Instant.parse("2026-01-02T03:04:05Z"));
        created = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void a_gzipped_jsonl_export_reads_back_with_exact_amounts_keys_and_the_zones_offset() throws IOException {
        long id = rows.payment(trainer, trainee, "12.50", "EUR", "succeeded", "one-off", "Line\nbreak", created, null);
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        ExportJob job = export(
                Dataset.PAYMENTS,
                new ExportOptions(ExportFormat.JSONL, berlin, null, null, null, null),
                Compression.GZIP);

        assertThat(job.result().fileName()).endsWith(".jsonl.gz").startsWith("payments-");
        assertThat(job.result().contentType()).isEqualTo("application/gzip");
        byte[] file = new GZIPInputStream(new ByteArrayInputStream(store.file(job))).readAllBytes();
        assertThat(file[0]).isEqualTo((byte) '{'); // no byte order mark
        List<Map<String, Object>> lines = read(file);
        assertThat(lines).hasSize(1);
        Map<String, Object> row = lines.get(0);
        assertThat(row.get("payment_id")).isEqualTo(id);
        assertThat(row.get("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat(row.get("created_at"))
                .isEqualTo(
                        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").format(created.atZone(berlin)));
        assertThat(row.get("paid_at")).isNull();
        assertThat(row.get("trainee_name")).isEqualTo("Zoë \"Quote\" \\");
        assertThat(row.get("description")).isEqualTo("Line\nbreak");
    }

    @Test
    void a_plain_jsonl_file_is_application_x_ndjson_with_one_lf_ended_line_a_row() throws IOException {
        rows.payment(trainer, trainee, "1.00", "EUR", "succeeded", "one-off", "a", created, null);
        rows.payment(trainer, trainee, "2.00", "EUR", "failed", "one-off", "b", created.minusSeconds(1), null);

        ExportJob job = export(
                Dataset.PAYMENTS,
                new ExportOptions(ExportFormat.JSONL, null, null, null, List.of("amount", "Status"), null),
                null);

        assertThat(job.result().fileName()).endsWith(".jsonl");
        assertThat(job.result().contentType()).isEqualTo("application/x-ndjson");
        assertThat(store.head(job).contentType()).isEqualTo("application/x-ndjson");
        assertThat(new String(store.file(job), StandardCharsets.UTF_8))
                .isEqualTo("{\"amount\":1.00,\"status\":\"succeeded\"}\n{\"amount\":2.00,\"status\":\"failed\"}\n");
    }

    @Test
    void a_status_filter_exports_exactly_the_payments_of_those_statuses() {
        rows.payment(trainer, trainee, "1.00", "EUR", "succeeded", "one-off", "kept", created, null);
        rows.payment(trainer, trainee, "2.00", "EUR", "failed", "one-off", "kept too", created.minusSeconds(1), null);
        rows.payment(trainer, trainee, "3.00", "EUR", "pending", "one-off", "left out", created.minusSeconds(2), null);
        rows.payment(trainer, trainee, "4.00", "EUR", "refunded", "refund", "left out", created.minusSeconds(3), null);

        ExportJob job = export(
                Dataset.PAYMENTS,
                new ExportOptions(null, null, null, null, List.of("Status", "Description"), null)
                        .withStatus(List.of("failed", "succeeded")),
                null);

        assertThat(job.result().rowCount()).isEqualTo(2);
        assertThat(new String(store.file(job), StandardCharsets.UTF_8))
                .isEqualTo("Status,Description\r\nsucceeded,kept\r\nfailed,kept too\r\n");
    }

    @Test
    void a_status_filter_applies_to_subscribers_too() {
        rows.subscription(trainer, trainee, "59.00", "EUR", "active", null, null, created, null);
        rows.subscription(trainer, trainee, "59.00", "EUR", "canceled", null, null, created.minusSeconds(1), created);

        ExportJob job = export(
                Dataset.SUBSCRIBERS,
                new ExportOptions(null, null, null, null, List.of("status"), null).withStatus(List.of("canceled")),
                null);

        assertThat(new String(store.file(job), StandardCharsets.UTF_8)).isEqualTo("Status\r\ncanceled\r\n");
    }

    @Test
    void a_succeeded_job_carries_the_instant_of_its_snapshot_between_its_creation_and_its_end() {
        rows.payment(trainer, trainee, "1.00", "EUR", "succeeded", "one-off", "a", created, null);

        ExportJob job = export(Dataset.PAYMENTS, ExportOptions.NONE, null);

        assertThat(job.result().dataAsOf()).isNotNull();
        assertThat(job.result().dataAsOf()).isBetween(job.createdAt(), job.finishedAt());
        assertThat(job.result().dataAsOf()).isAfterOrEqualTo(job.startedAt());
    }

    private ExportJob export(Dataset dataset, ExportOptions options, Compression compression) {
        Integer days = dataset.windowed() ? 30 : null;
        ExportJob job =
                ExportJob.queued(UUID.randomUUID(), trainer, dataset, days, false, compression, options, Instant.now());
        transitions.create(job, null, null);
        jobs.publish(job);
        return jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);
    }

    private static List<Map<String, Object>> read(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\r\n");
        return text.lines()
                .map(line -> JACKSON.readValue(line, new TypeReference<Map<String, Object>>() {}))
                .toList();
    }
}
