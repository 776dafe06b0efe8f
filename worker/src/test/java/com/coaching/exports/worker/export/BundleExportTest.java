package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportFormat;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bundles end to end: rows in PostgreSQL, the worker's COPYs in one snapshot, the ZIP in the store,
 * its members compared with the single exports of the same options.
 */
@WorkerTest
@Import({Jobs.class, Store.class})
class BundleExportTest {

    private static final List<Dataset> ALL = List.of(Dataset.PAYMENTS, Dataset.SUBSCRIBERS, Dataset.TRAINEES);

    @Autowired
    Jobs jobs;

    @Autowired
    JobTransitions transitions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Store store;

    @Autowired
    FileExporter exporter;

    @Autowired
    SnapshotReader reader;

    @Autowired
    Leases leases;

    @Autowired
    RunningJobs runningJobs;

    @Autowired
    JsonMapper json;

    SourceRows rows;
    long trainer;
    long trainee;
    Instant created;

    @BeforeEach
    void aTrainerWithPaymentsSubscribersAndTrainees() {
        rows = new SourceRows(jdbc);
        trainer = rows.trainer("Bea", "Bundle", "bea@example.com");
        trainee = rows.trainee(
                trainer, "Zoë", "Semi;colon", "zoe@example.com", true, Instant.parse("2026-01-02T03:04:05Z"));
        rows.trainee(trainer, "Al", "Other", "al@example.com", false, Instant.parse("2026-02-03T04:05:06Z"));
        created = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        rows.payment(trainer, trainee, "12.50", "EUR", "succeeded", "one-off", "kept", created, created);
        rows.payment(trainer, trainee, "3.00", "EUR", "failed", "one-off", "kept too", created.minusSeconds(1), null);
        rows.payment(trainer, trainee, "4.00", "EUR", "pending", "one-off", "left out", created.minusSeconds(2), null);
        rows.subscription(trainer, trainee, "59.00", "EUR", "active", created, created.plusSeconds(60), created, null);
        rows.subscription(trainer, trainee, "9.00", "EUR", "canceled", null, null, created.minusSeconds(5), created);
    }

    @Test
    void a_bundles_three_files_equal_three_single_exports_and_its_manifest_describes_them() throws IOException {
        ExportOptions options = new ExportOptions(
                        null,
                        ZoneId.of("Europe/Berlin"),
                        null,
                        null,
                        null,
                        new CsvOptions(CsvOptions.Delimiter.SEMICOLON, CsvOptions.LineEnding.LF, true))
                .withStatus(List.of("failed", "succeeded", "active"));

        ExportJob bundle = bundle(options, null);

        Map<String, byte[]> zip = unzip(store.file(bundle));
        assertThat(zip).containsOnlyKeys("payments.csv", "subscribers.csv", "trainees.csv", "manifest.json");
        byte[] payments = single(Dataset.PAYMENTS, options.withStatus(List.of("failed", "succeeded")), null);
        byte[] subscribers = single(Dataset.SUBSCRIBERS, options.withStatus(List.of("active")), null);
        byte[] trainees = single(Dataset.TRAINEES, options.withStatus(null), null);
        assertThat(zip.get("payments.csv")).isEqualTo(payments);
        assertThat(zip.get("subscribers.csv")).isEqualTo(subscribers);
        assertThat(zip.get("trainees.csv")).isEqualTo(trainees);
        assertThat(new String(payments, StandardCharsets.UTF_8))
                .contains("kept too")
                .doesNotContain("left out");

        JsonNode manifest = json.readTree(zip.get("manifest.json"));
        assertThat(manifest.get("jobId").asString()).isEqualTo(bundle.id().toString());
        assertThat(Instant.parse(manifest.get("dataAsOf").asString()))
                .isEqualTo(bundle.result().dataAsOf());
        assertThat(manifest.get("parameters").get("status").toString())
                .isEqualTo("[\"failed\",\"succeeded\",\"active\"]");
        assertThat(manifest.get("parameters").get("days").asInt()).isEqualTo(30);
        JsonNode files = manifest.get("files");
        assertThat(files.size()).isEqualTo(3);
        long[] expectedRows = {2, 1, 2};
        for (int i = 0; i < 3; i++) {
            JsonNode file = files.get(i);
            Dataset dataset = ALL.get(i);
            byte[] member = zip.get(file.get("name").asString());
            assertThat(file.get("name").asString()).isEqualTo(dataset.id() + ".csv");
            assertThat(file.get("dataset").asString()).isEqualTo(dataset.id());
            assertThat(file.get("rowCount").asLong()).isEqualTo(expectedRows[i]);
            assertThat(file.get("sizeBytes").asLong()).isEqualTo(member.length);
            assertThat(file.get("sha256").asString()).isEqualTo(sha256(member));
            assertThat(file.get("columns").valueStream().map(JsonNode::asString).toList())
                    .containsExactly(dataset.headers());
        }
        assertThat(bundle.result().fileName()).matches("export-\\d{4}-\\d{2}-\\d{2}\\.zip");
        assertThat(bundle.result().contentType()).isEqualTo("application/zip");
        assertThat(store.head(bundle).contentType()).isEqualTo("application/zip");
        assertThat(bundle.result().rowCount()).isEqualTo(5);
        assertThat(bundle.result().sha256()).isEqualTo(sha256(store.file(bundle)));
    }

    @Test
    void a_gzipped_jsonl_bundle_holds_plain_members_equal_to_the_unzipped_single_exports() throws IOException {
        ExportOptions options = new ExportOptions(ExportFormat.JSONL, null, null, null, null, null);

        ExportJob bundle = bundle(options, Compression.GZIP);

        Map<String, byte[]> zip = unzip(store.file(bundle));
        assertThat(bundle.result().fileName()).endsWith(".zip");
        assertThat(zip).containsOnlyKeys("payments.jsonl", "subscribers.jsonl", "trainees.jsonl", "manifest.json");
        for (Dataset dataset : ALL) {
            byte[] single = new GZIPInputStream(new ByteArrayInputStream(single(dataset, options, Compression.GZIP)))
                    .readAllBytes();
            assertThat(zip.get(dataset.id() + ".jsonl")).as(dataset.id()).isEqualTo(single);
        }
    }

    @Test
    void rows_committed_after_the_first_member_appear_in_no_later_member() throws SQLException, IOException {
        ExportJob bundle = queued(ExportOptions.NONE.bundling(ALL), null);
        var progress = new ProgressReporter(
                leases, Clock.systemUTC(), bundle.id(), Holder.of("test", 0), Duration.ofHours(1), runningJobs);
        long[] inserted = new long[1];

        ExportedFile file = exporter.export(
                bundle,
                progress,
                upload -> {},
                (failure, since) -> {
                    throw failure;
                },
                () -> {
                    if (inserted[0] == 0) { // committed on another connection, after payments.csv was read
                        long late = rows.trainee(trainer, "Late", "Comer", "late@example.com", true, created);
                        rows.subscription(trainer, late, "1.00", "EUR", "active", null, null, created, null);
                        inserted[0] = late;
                    }
                });

        Map<String, byte[]> zip = unzip(store.object(bundle.objectKey()));
        assertThat(new String(zip.get("subscribers.csv"), StandardCharsets.UTF_8))
                .doesNotContain("Late");
        assertThat(new String(zip.get("trainees.csv"), StandardCharsets.UTF_8)).doesNotContain("Late");
        assertThat(file.rowCount()).isEqualTo(3 + 2 + 2);
        assertThat(new String(single(Dataset.TRAINEES, ExportOptions.NONE, null), StandardCharsets.UTF_8))
                .as("the late rows were committed")
                .contains("Late");
    }

    private ExportJob bundle(ExportOptions options, Compression compression) {
        ExportJob job = queued(options.bundling(ALL), compression);
        jobs.publish(job);
        return jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);
    }

    private ExportJob queued(ExportOptions options, Compression compression) {
        ExportJob job = ExportJob.queued(
                UUID.randomUUID(), trainer, Dataset.PAYMENTS, 30, false, compression, options, Instant.now());
        transitions.create(job, null, null);
        return job;
    }

    private byte[] single(Dataset dataset, ExportOptions options, Compression compression) {
        Integer days = dataset.windowed() ? 30 : null;
        ExportJob job =
                ExportJob.queued(UUID.randomUUID(), trainer, dataset, days, false, compression, options, Instant.now());
        transitions.create(job, null, null);
        jobs.publish(job);
        return store.file(jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED));
    }

    private static Map<String, byte[]> unzip(byte[] file) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                members.put(entry.getName(), zip.readAllBytes());
            }
        }
        return members;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
