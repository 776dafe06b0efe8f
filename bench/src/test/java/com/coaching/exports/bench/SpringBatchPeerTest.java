package com.coaching.exports.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.shared.source.SourceDatabase;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.worker.WorkerApplication;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The benchmark's peer is only a peer if it writes the same file: the Spring Batch job's CSV, byte
 * for byte, against the service's, for the same payments (quotes, line breaks, formulas, empty
 * paid-at cells among them), on the real PostgreSQL and S3 stand-ins.
 */
class SpringBatchPeerTest {

    static final String[] RANDOM_PORTS = {"--server.port=0", "--management.server.port=0"};

    static ConfigurableApplicationContext api;
    static ConfigurableApplicationContext worker;

    @BeforeAll
    static void startTheService() {
        Map<String, Object> settings = new HashMap<>(Tokens.devSecrets());
        settings.put("exports.source.migrate", "true");
        api = ApiApplication.application().properties(settings).run(RANDOM_PORTS);
        worker = WorkerApplication.application().properties(settings).run(RANDOM_PORTS);
    }

    @AfterAll
    static void stopTheService() {
        worker.close();
        api.close();
    }

    @Test
    void the_spring_batch_job_writes_the_services_file_byte_for_byte() throws Exception {
        JdbcClient source = api.getBean(SourceDatabase.class).jdbc();
        long trainer = new BenchData(source).trainerWithPayments("peer@example.com", 2_000);
        awkwardPayments(source, trainer);
        Instant now = Instant.now();

        byte[] service = serviceExport(trainer);
        StorageProperties storage = api.getBean(StorageProperties.class);
        try (S3AsyncClient s3 = SpringBatchExport.s3(storage.endpoint(), storage.accessKey(), storage.secretKey())) {
            long rows = new SpringBatchExport(api.getBean(SourceDatabase.class).dataSource(), s3, storage.bucket())
                    .export(trainer, now.minus(Duration.ofDays(365)), now, "peer/payments.csv");
            assertThat(rows).isEqualTo(2_006);
        }
        byte[] peer = api.getBean(S3Client.class)
                .getObjectAsBytes(get -> get.bucket(storage.bucket()).key("peer/payments.csv"))
                .asByteArray();

        assertThat(new String(peer, StandardCharsets.UTF_8))
                .startsWith("Payment ID,Created At,Paid At,Trainee Name,Trainee Email,Type,Status,Amount,Currency,"
                        + "Description\r\n")
                .contains(",'=SUM(A1)\r\n", ",\"line one\r\nline two\"", ",'-5 refund", ",\" padded \"");
        assertThat(peer).isEqualTo(service);
    }

    /** Cells the CSV rules treat specially, a day old: inside both windows. */
    private static void awkwardPayments(JdbcClient source, long trainer) {
        long trainee = source.sql("select id from users where parent_trainer_id = :t")
                .param("t", trainer)
                .query(Long.class)
                .single();
        for (String description :
                new String[] {"=SUM(A1)", "line one\r\nline two", "-5 refund", " padded ", "Ünïcödé ✓", "a,b"}) {
            source.sql("""
                    insert into trainee_payments (trainer_id, trainee_id, amount, currency, status, payment_type,
                                                  description, created_at, paid_at)
                    values (:trainer, :trainee, 12.5, 'EUR', 'succeeded', 'one-off', :description,
                            now() - interval '1 day', now() - interval '1 day' + interval '0.5 seconds')""")
                    .param("trainer", trainer)
                    .param("trainee", trainee)
                    .param("description", description)
                    .update();
        }
    }

    /** POST, wait for SUCCEEDED, download through the presigned link. */
    private static byte[] serviceExport(long trainer) throws InterruptedException {
        String port = api.getEnvironment().getProperty("local.server.port");
        ApiClient client = new ApiClient(URI.create("http://localhost:" + port), Tokens.trainer(trainer));
        var created = client.post("/api/v1/exports", ExportCalls.A_YEAR_OF_PAYMENTS);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String location = created.header("Location");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status;
        do {
            Thread.sleep(200);
            status = client.get(location).json().get("status").asString();
        } while ((status.equals("QUEUED") || status.equals("RUNNING")) && System.nanoTime() < deadline);
        assertThat(status).isEqualTo("SUCCEEDED");
        var redirect = client.get(location + "/download");
        assertThat(redirect.status()).isEqualTo(302);
        HttpResponse<byte[]> file = client.fetch(URI.create(redirect.header("Location")));
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }
}
