package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.worker.support.SourceRows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Large exports: their own lane, a progress a client can show as a percentage, gzip. */
class LargeExportsTest {

    static final int ROWS = 300_000;

    static LocalStack stack;
    static JdbcClient jdbc;
    static SourceRows rows;
    static long bigTrainer;
    static ApiClient big;

    @BeforeAll
    static void aTrainerWithManyPayments() {
        stack = TestStack.start(Map.of("exports.jobs.bulk-threshold-rows", 10_000), api -> Map.of());
        jdbc = stack.api().getBean(JdbcClient.class);
        rows = new SourceRows(jdbc);
        bigTrainer = rows.trainer("Ent", "Erprise", "enterprise@example.com");
        long trainee = rows.trainee(bigTrainer, "Anna", "Lee", "anna@example.com", true, Instant.now());
        rows.manyPayments(bigTrainer, trainee, ROWS, "Row ");
        big = new ApiClient(URI.create("http://localhost:" + stack.apiPort()), Tokens.trainer(bigTrainer));
    }

    @AfterAll
    static void stop() {
        rows.removePaymentsOf(bigTrainer);
        stack.close();
    }

    @Test
    void a_small_export_finishes_at_once_while_large_ones_run_in_their_own_lane() {
        String first = create(big, "{\"dataset\": \"payments\", \"days\": 365}");
        String second = create(big, "{\"dataset\": \"payments\", \"days\": 365}");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(big, first).equals("RUNNING"));
        ApiClient small = big.as(Tokens.trainer(rows.trainer("Sam", "Small", "sam@example.com")));

        long started = System.nanoTime();
        String quick = create(small, "{\"dataset\": \"trainees\"}");
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status(small, quick).equals("SUCCEEDED"));
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(status(big, second)).isIn("QUEUED", "RUNNING");
        assertThat(ms).isLessThan(2000);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(big, second).equals("SUCCEEDED"));
    }

    @Test
    void a_running_export_shows_rows_written_out_of_an_estimate() {
        String id = create(big, "{\"dataset\": \"payments\", \"days\": 365}");

        JsonNode job = big.get("/api/v1/exports/" + id).json();
        long estimate = job.get("progress").get("estimatedRows").asLong();

        assertThat(estimate).isBetween(ROWS / 2L, ROWS * 2L);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(big, id).equals("SUCCEEDED"));
        assertThat(big.get("/api/v1/exports/" + id)
                        .json()
                        .get("progress")
                        .get("rowsWritten")
                        .asLong())
                .isEqualTo(ROWS);
    }

    @Test
    void a_gzip_export_is_a_csv_gz_file_that_unpacks_to_the_exact_csv() throws Exception {
        long gus = rows.trainer("Gus", "Zip", "gus@example.com");
        long anna =
                rows.trainee(gus, "Anna", "Lee", "anna-gz@example.com", true, Instant.parse("2026-01-02T03:04:05Z"));
        rows.profile(anna, "lose weight", "moderate");
        rows.program(anna, "Strength", true);
        rows.program(anna, "Old plan", false);
        rows.program(anna, "Cardio", true);
        rows.dailyLog(anna, LocalDate.parse("2026-11-20"));
        rows.dailyLog(anna, LocalDate.parse("2026-11-25"));
        long ben = rows.trainee(
                gus, "Ben", "O'Neil, Jr.", "ben-gz@example.com", false, Instant.parse("2026-02-03T04:05:06Z"));
        ApiClient trainer = big.as(Tokens.trainer(gus));
        String id = create(trainer, "{\"dataset\": \"trainees\", \"compression\": \"gzip\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(trainer, id).equals("SUCCEEDED"));
        JsonNode job = trainer.get("/api/v1/exports/" + id).json();

        byte[] file = trainer.fetch(URI.create(job.get("download").get("url").asString()))
                .body();

        assertThat(job.get("parameters").get("compression").asString()).isEqualTo("gzip");
        assertThat(job.get("result").get("fileName").asString()).endsWith(".csv.gz");
        assertThat(job.get("result").get("contentType").asString()).isEqualTo("application/gzip");
        assertThat(job.get("result").get("rowCount").asLong()).isEqualTo(2);
        assertThat(job.get("result").get("sizeBytes").asLong()).isEqualTo(file.length);
        assertThat(job.get("result").get("sha256").asString())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        assertThat(gunzip(file))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("Trainee ID,First Name,Last Name,Email,Active,Joined,Fitness Goal,"
                        + "Activity Level,Active Programs,Last Log Date\r\n"
                        + anna + ",Anna,Lee," + rows.email("anna-gz@example.com")
                        + ",true,2026-01-02T03:04:05Z,lose weight,moderate,Cardio; Strength,2026-11-25\r\n"
                        + ben + ",Ben,\"O'Neil, Jr.\"," + rows.email("ben-gz@example.com")
                        + ",false,2026-02-03T04:05:06Z,,,,\r\n");
    }

    private static String create(ApiClient api, String body) {
        var response = api.post("/api/v1/exports", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().get("id").asString();
    }

    private static String status(ApiClient api, String id) {
        return api.get("/api/v1/exports/" + id).json().get("status").asString();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
