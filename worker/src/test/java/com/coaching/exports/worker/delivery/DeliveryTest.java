package com.coaching.exports.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.destination.DeliveredNames;
import com.coaching.exports.shared.destination.Destination;
import com.coaching.exports.shared.destination.Destinations;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.view.JobDeliveries;
import com.coaching.exports.shared.view.JobDelivery;
import com.coaching.exports.testkit.OtherBucket;
import com.coaching.exports.testkit.SftpTestServer;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.TestClock;
import com.coaching.exports.worker.support.WorkerTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A succeeded export that names a destination is delivered there by the worker: to the trainer's own
 * bucket (a second S3 server with credentials of its own) and to an SFTP server (Apache MINA SSHD),
 * byte for byte, never visible half-written; a wrong password shows in the job's delivery while it is
 * retried, without failing the export, and the delivery fails once the retry window has passed.
 */
@WorkerTest
@DirtiesContext // its dispatcher stops with its class (see WorkerTest)
@Import({Jobs.class, Store.class, TestClock.Config.class})
@TestPropertySource(
        properties = {
            "exports.destinations.interval=200ms",
            // the test's servers run on this machine
            "exports.destinations.allow-private-networks=true",
            // a failed try is due again within a minute: the test moves the clock past it
            "exports.destinations.retry-first=1m",
            "exports.destinations.retry-max=1m"
        })
class DeliveryTest {

    static final String BUCKET = "trainers-bucket";

    @TempDir
    static Path dirs;

    static OtherBucket bucket;
    static SftpTestServer sftp;

    @Autowired
    Jobs jobs;

    @Autowired
    Store store;

    @Autowired
    Destinations destinations;

    @Autowired
    JobDeliveries deliveries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    long trainer;

    @BeforeAll
    static void theTrainersServers() throws Exception {
        bucket = OtherBucket.start(Files.createDirectories(dirs.resolve("s3")), BUCKET);
        sftp = SftpTestServer.start(Files.createDirectories(dirs.resolve("sftp")), "the-right-password");
        Files.createDirectories(sftp.root().resolve("upload"));
    }

    @AfterAll
    static void stopThem() throws Exception {
        bucket.close();
        sftp.close();
    }

    @BeforeEach
    void aTrainerWithPaymentsAndAnEndpoint() {
        trainer = jobs.sourceRows().trainerWithPayments("Dee", "Livery", "dee@example.com", 25);
        // subscribed to the delivery events; never sent here (webhooks wait an hour in these tests): the rows show them
        jdbc.sql("""
                insert into export_webhook (id, trainer_id, url, events, secret, created_at)
                values (gen_random_uuid(), :trainer, 'https://hooks.example.com/x',
                        '{export.delivered,export.delivery_failed}', 'whsec_x', now())""").param("trainer", trainer).update();
    }

    @AfterEach
    void backToRealTime() {
        sftp.releaseWrites();
        clock.reset();
    }

    @Test
    void an_export_is_delivered_to_the_trainers_own_bucket_byte_for_byte() throws Exception {
        UUID destination = s3(OtherBucket.SECRET_KEY);

        ExportJob done = succeeded(destination);
        JobDelivery delivery = awaitDelivery(done, "DELIVERED");

        String key = "exports/" + DeliveredNames.of(done.result().fileName(), done.id());
        assertThat(key)
                .matches("exports/payments-\\d{4}-\\d{2}-\\d{2}-"
                        + done.id().toString().substring(0, 8) + "\\.csv");
        assertThat(delivery.location()).isEqualTo("s3://" + BUCKET + "/" + key);
        assertThat(delivery.deliveredAt()).isNotNull();
        assertThat(delivery.error()).isNull();
        byte[] delivered;
        try (var s3 = bucket.client()) {
            delivered = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        }
        assertThat(delivered).isEqualTo(store.file(done));
        assertThat(sha256(delivered)).isEqualTo(done.result().sha256());
        assertThat(events(done)).containsExactly("export.delivered");
        assertThat(jobs.current(done.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void an_export_is_written_to_sftp_under_a_temporary_name_and_appears_only_whole() throws Exception {
        UUID destination = sftp("\"the-right-password\"");
        sftp.holdWrites();

        ExportJob done = succeeded(destination);
        String name = DeliveredNames.of(done.result().fileName(), done.id());
        sftp.awaitWriting();
        List<String> meanwhile = listUpload();
        sftp.releaseWrites();
        JobDelivery delivery = awaitDelivery(done, "DELIVERED");

        assertThat(meanwhile)
                .singleElement()
                .satisfies(temporary ->
                        assertThat(temporary).startsWith("." + name + ".").endsWith(".part"));
        assertThat(listUpload()).containsExactly(name);
        assertThat(sftp.opened())
                .as("the final name is never opened: it appears by the rename")
                .doesNotContain(name);
        assertThat(sftp.renamedTo()).containsExactly(name);
        byte[] delivered = Files.readAllBytes(sftp.root().resolve("upload").resolve(name));
        assertThat(sha256(delivered)).isEqualTo(done.result().sha256());
        assertThat(delivered).isEqualTo(store.file(done));
        assertThat(delivery.location()).isEqualTo("sftp://127.0.0.1/upload/" + name);
    }

    @Test
    void a_wrong_password_shows_in_the_delivery_while_it_retries_and_fails_it_after_the_window_not_the_export() {
        UUID destination = sftp("\"a-wrong-password\"");

        ExportJob done = succeeded(destination);
        JobDelivery pending = awaitAttempts(done, 1);

        assertThat(pending.status()).isEqualTo("PENDING");
        assertThat(pending.error().code()).isEqualTo("DESTINATION_AUTH_FAILED");
        assertThat(pending.error().message()).isEqualTo("the server refused user trainer with this password");
        assertThat(jobs.current(done.id()).status()).isEqualTo(JobStatus.SUCCEEDED);

        clock.move(Duration.ofSeconds(61)); // past the first wait (at most a minute here)
        assertThat(awaitAttempts(done, 2).status()).isEqualTo("PENDING");
        assertThat(events(done)).isEmpty();

        clock.move(Duration.ofHours(24)); // the next try falls after the retry window
        JobDelivery failed = awaitDelivery(done, "FAILED");
        assertThat(failed.error().code()).isEqualTo("DESTINATION_AUTH_FAILED");
        assertThat(failed.location()).isNull();
        assertThat(events(done)).containsExactly("export.delivery_failed");
        assertThat(jobs.current(done.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    private ExportJob succeeded(UUID destination) {
        ExportJob queued = jobs.queue(trainer, Dataset.PAYMENTS, 30, ExportOptions.NONE.deliveredTo(destination));
        return jobs.awaitStatus(queued.id(), JobStatus.SUCCEEDED);
    }

    private JobDelivery awaitDelivery(ExportJob job, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deliveries
                        .of(job.id())
                        .map(d -> d.status().equals(status))
                        .orElse(false));
        return deliveries.of(job.id()).orElseThrow();
    }

    private JobDelivery awaitAttempts(ExportJob job, int attempts) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select attempts from export_delivery where job_id = :id")
                                .param("id", job.id())
                                .query(Integer.class)
                                .optional()
                                .orElse(0)
                        >= attempts);
        return deliveries.of(job.id()).orElseThrow();
    }

    private List<String> events(ExportJob job) {
        return jdbc.sql(
                        "select event_type from export_webhook_delivery where job_id = :id and event_type like 'export.deliver%'")
                .param("id", job.id())
                .query(String.class)
                .list();
    }

    private UUID s3(String secret) {
        UUID id = UUID.randomUUID();
        destinations.createWithin(
                10,
                new Destination.S3(
                        id,
                        trainer,
                        "Our bucket",
                        URI.create(bucket.endpoint()),
                        OtherBucket.REGION,
                        BUCKET,
                        "exports/",
                        true,
                        OtherBucket.ACCESS_KEY,
                        secret,
                        Instant.now()));
        return id;
    }

    private UUID sftp(String quotedPassword) {
        UUID id = UUID.randomUUID();
        destinations.createWithin(
                10,
                new Destination.Sftp(
                        id,
                        trainer,
                        "Our SFTP",
                        "127.0.0.1",
                        sftp.port(),
                        SftpTestServer.USER,
                        quotedPassword.substring(1, quotedPassword.length() - 1),
                        null,
                        sftp.fingerprint(),
                        "/upload",
                        Instant.now()));
        return id;
    }

    private static List<String> listUpload() throws Exception {
        try (Stream<Path> files = Files.list(sftp.root().resolve("upload"))) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
