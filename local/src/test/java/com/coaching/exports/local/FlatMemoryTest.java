package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.testkit.WorkerProcess;
import com.coaching.exports.worker.support.SourceRows;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Exports stream: a worker whose heap is a third of the file still exports it, alone or in a bundle's ZIP. (The benchmark shows
 * the same for ten million rows: {@code ./bench/run --rows 10000000}.)
 */
class FlatMemoryTest {

    static final int ROWS = 600_000;
    static final String HEAP = "80m";
    static final long HEAP_BYTES = 80L * 1024 * 1024;

    @Test
    void a_worker_with_an_80_mb_heap_exports_a_file_three_times_that_size() throws Exception {
        // the stack's own worker takes no jobs: the small-heap process must run this one
        try (LocalStack stack =
                TestStack.start(Map.of(), api -> Map.of("spring.rabbitmq.listener.simple.auto-startup", "false"))) {
            JdbcClient jdbc = stack.api().getBean(JdbcClient.class);
            SourceRows rows = new SourceRows(jdbc);
            long trainer = rows.trainer("Mia", "Memory", "mia@example.com");
            long trainee = rows.trainee(trainer, "Tom", "Lee", "tom@example.com", true, Instant.now());
            rows.manyPayments(
                    trainer,
                    trainee,
                    ROWS,
                    "A description of a few hundred bytes, as long as the" + " longest a trainer writes: "
                            + "x".repeat(300) + " row ");
            try (WorkerProcess worker = WorkerProcess.start(
                    "small-heap",
                    HEAP,
                    WorkerProcess.besideApi(
                            stack.api().getEnvironment(), stack.api().getBean(StorageProperties.class)),
                    new File("target/small-heap.log"),
                    false)) {
                ApiClient api =
                        new ApiClient(URI.create("http://localhost:" + stack.apiPort()), Tokens.trainer(trainer));
                String id = api.post("/api/v1/exports", "{\"dataset\": \"payments\", \"days\": 30}")
                        .json()
                        .get("id")
                        .asString();

                JsonNode job = finished(api, id);

                assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
                assertThat(job.get("result").get("rowCount").asLong()).isEqualTo(ROWS);
                assertThat(job.get("result").get("sizeBytes").asLong()).isGreaterThan(3 * HEAP_BYTES);
                assertThat(jdbc.sql("select worker_id from export_job where id = :id")
                                .param("id", UUID.fromString(id))
                                .query(String.class)
                                .single())
                        .isEqualTo("small-heap");

                // the same rows in a bundle: the ZIP is streamed too, its members never held whole
                JsonNode bundle = finished(
                        api,
                        api.post("/api/v1/exports", "{\"datasets\": [\"trainees\", \"payments\"], \"days\": 30}")
                                .json()
                                .get("id")
                                .asString());
                assertThat(bundle.get("status").asString())
                        .as(bundle.toString())
                        .isEqualTo("SUCCEEDED");
                assertThat(bundle.get("result").get("rowCount").asLong()).isEqualTo(ROWS + 1);
                assertThat(bundle.get("result").get("contentType").asString()).isEqualTo("application/zip");
            } finally {
                rows.removePaymentsOf(trainer);
            }
        }
    }

    private static JsonNode finished(ApiClient api, String id) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.get("/api/v1/exports/" + id).json(),
                        current -> !Set.of("QUEUED", "RUNNING")
                                .contains(current.get("status").asString()));
    }
}
