package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.Tokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

@ApiTest
class ExportRequestsTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    ApplicationContext context;

    long trainerId;
    ApiClient api;

    @BeforeEach
    void newTrainer() {
        trainerId = Tokens.newTrainerId();
        api = ApiClient.onPort(port, Tokens.trainer(trainerId));
    }

    @Test
    void a_request_is_accepted_at_once_as_a_queued_job_stored_and_published() {
        Response response = api.post("/api/v1/exports", """
                {"dataset": "payments", "days": 30}""");

        assertThat(response.status()).isEqualTo(202);
        JsonNode job = response.json();
        UUID id = UUID.fromString(job.get("id").asString());
        assertThat(response.header("Location")).isEqualTo("/api/v1/exports/" + id);
        assertThat(job.get("dataset").asString()).isEqualTo("payments");
        assertThat(job.get("parameters").get("days").asInt()).isEqualTo(30);
        assertThat(job.get("status").asString()).isEqualTo("QUEUED");
        assertThat(job.get("progress").get("rowsWritten").asLong()).isZero();
        assertThat(job.has("result")).isFalse();
        assertThat(job.has("download")).isFalse();
        assertThat(job.has("error")).isFalse();
        assertThat(jdbc.sql("select trainer_id from export_job where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(trainerId);
        assertThat(publishedJobIds()).contains(id.toString());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from export_outbox where job_id = :id")
                                .param("id", id)
                                .query(Integer.class)
                                .single()
                        == 0);
    }

    @Test
    void without_an_otlp_endpoint_nothing_is_traced_no_trace_id_no_header_no_sdk() {
        JsonNode job =
                api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}").json();
        String id = job.get("id").asString();

        assertThat(job.has("traceId")).isFalse();
        assertThat(api.get("/api/v1/exports/" + id).json().has("traceId")).isFalse();
        Message message;
        while ((message = rabbit.receive(ExportMessages.QUEUE, 5000)) != null
                && !id.equals(message.getMessageProperties().getMessageId())) {
            // another test's message
        }
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getHeaders()).doesNotContainKey("traceparent");
        // no SDK, so no span processor and its thread
        assertThat(context.getBeanNamesForType(io.opentelemetry.api.OpenTelemetry.class))
                .isEmpty();
    }

    @Test
    void payments_default_to_the_last_30_days_and_other_datasets_take_no_window() {
        assertThat(api.post("/api/v1/exports", "{\"dataset\": \"payments\"}")
                        .json()
                        .get("parameters")
                        .get("days")
                        .asInt())
                .isEqualTo(30);
        assertThat(api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                        .json()
                        .get("parameters")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void a_job_is_read_back_with_a_hint_to_poll_again_while_it_is_active() {
        String id = api.post("/api/v1/exports", "{\"dataset\": \"subscribers\"}")
                .json()
                .get("id")
                .asString();

        Response response = api.get("/api/v1/exports/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asString()).isEqualTo(id);
        assertThat(response.json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(response.header("Retry-After")).isEqualTo("2");
    }

    @Test
    void the_list_shows_only_the_callers_jobs_newest_first_in_pages() {
        String first = api.post("/api/v1/exports", "{\"dataset\": \"payments\"}")
                .json()
                .get("id")
                .asString();
        String second = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString();
        String third = api.post("/api/v1/exports", "{\"dataset\": \"subscribers\"}")
                .json()
                .get("id")
                .asString();
        api.as(Tokens.trainer(Tokens.newTrainerId())).post("/api/v1/exports", "{\"dataset\": \"payments\"}");

        Response firstPage = api.get("/api/v1/exports?size=2");
        assertThat(firstPage.status()).as(firstPage.toString()).isEqualTo(200);
        JsonNode page = firstPage.json();
        JsonNode next = api.get("/api/v1/exports?size=2&page=1").json();

        assertThat(page.get("items").valueStream().map(j -> j.get("id").asString()))
                .containsExactly(third, second);
        assertThat(next.get("items").valueStream().map(j -> j.get("id").asString()))
                .containsExactly(first);
        assertThat(page.get("totalItems").asLong()).isEqualTo(3);
        assertThat(page.get("totalPages").asLong()).isEqualTo(2);
    }

    @Test
    void a_queued_job_is_cancelled_at_once_and_cannot_be_cancelled_twice() {
        String id = api.post("/api/v1/exports", "{\"dataset\": \"payments\"}")
                .json()
                .get("id")
                .asString();

        Response cancelled = api.post("/api/v1/exports/" + id + "/cancel", "");
        Response again = api.post("/api/v1/exports/" + id + "/cancel", "");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("finishedAt").isNull()).isFalse();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void a_job_without_a_file_has_nothing_to_download() {
        String id = api.post("/api/v1/exports", "{\"dataset\": \"payments\"}")
                .json()
                .get("id")
                .asString();

        Response response = api.get("/api/v1/exports/" + id + "/download");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains("QUEUED");
    }

    @Test
    void a_deleted_job_is_gone() {
        String id = api.post("/api/v1/exports", "{\"dataset\": \"payments\"}")
                .json()
                .get("id")
                .asString();

        assertThat(api.delete("/api/v1/exports/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/exports/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from export_job where id = :id")
                        .param("id", UUID.fromString(id))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void deleting_a_succeeded_job_removes_its_file_and_leaves_no_removal_pending() {
        String id = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString();
        String key = "exports/" + trainerId + "/" + id + "/attempt-1/trainees.csv";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("Trainee ID\n"));
        jdbc.sql("""
                update export_job set status = 'SUCCEEDED', finished_at = now(), file_name = 'trainees.csv',
                       object_key = :key, row_count = 0, size_bytes = 11, sha256 = 'x', content_type = 'text/csv'
                 where id = :id""").param("key", key).param("id", UUID.fromString(id)).update();

        assertThat(api.delete("/api/v1/exports/" + id).status()).isEqualTo(204);

        assertThat(s3.listObjectsV2(list -> list.bucket(storage.bucket()).prefix(key))
                        .contents())
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from export_file_cleanup where object_key = :key")
                        .param("key", key)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void a_repeated_idempotency_key_returns_the_same_job_and_a_different_body_is_refused() {
        Response first =
                api.post("/api/v1/exports", "{\"dataset\": \"payments\", \"days\": 7}", "Idempotency-Key", "k-1");
        Response repeat =
                api.post("/api/v1/exports", "{\"days\": 7, \"dataset\": \"payments\"}", "Idempotency-Key", "k-1");
        Response other =
                api.post("/api/v1/exports", "{\"dataset\": \"payments\", \"days\": 8}", "Idempotency-Key", "k-1");
        Response otherTrainer = api.as(Tokens.trainer(Tokens.newTrainerId()))
                .post("/api/v1/exports", "{\"dataset\": \"payments\", \"days\": 7}", "Idempotency-Key", "k-1");

        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).isEqualTo("application/problem+json");
        assertThat(otherTrainer.json().get("id")).isNotEqualTo(first.json().get("id"));
    }

    @Test
    void an_idempotency_key_older_than_24_hours_names_a_new_request() {
        Response first = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}", "Idempotency-Key", "k-old");
        jdbc.sql("update export_job set created_at = created_at - interval '25 hours' where id = :id")
                .param("id", UUID.fromString(first.json().get("id").asString()))
                .update();

        Response later = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}", "Idempotency-Key", "k-old");

        assertThat(later.status()).isEqualTo(202);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(later.json().get("id")).isNotEqualTo(first.json().get("id"));
    }

    @Test
    void a_trainer_with_five_exports_in_progress_is_told_to_wait_until_one_ends() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                    .json()
                    .get("id")
                    .asString());
        }

        Response sixth = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}");
        api.post("/api/v1/exports/" + ids.get(0) + "/cancel", "");
        Response afterACancel = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}");

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.contentType()).isEqualTo("application/problem+json");
        assertThat(sixth.header("Retry-After")).isEqualTo("30");
        assertThat(afterACancel.status()).isEqualTo(202);
    }

    private java.util.List<String> publishedJobIds() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        Message message;
        while ((message = rabbit.receive(ExportMessages.QUEUE, 2000)) != null) {
            ids.add(message.getMessageProperties().getMessageId());
        }
        return ids;
    }
}
