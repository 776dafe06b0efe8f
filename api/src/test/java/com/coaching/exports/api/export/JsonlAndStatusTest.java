package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Issue 24's JSON Lines, status filter and dataAsOf as the API accepts, stores and shows them. */
@ApiTest
class JsonlAndStatusTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobTransitions transitions;

    ApiClient api;

    @BeforeEach
    void newTrainer() {
        api = ApiClient.newTrainerOnPort(port);
    }

    @Test
    void a_jsonl_export_with_a_status_filter_and_columns_named_by_key_is_echoed_and_stored() {
        Response created = api.post("/api/v1/exports", """
                {"dataset": "payments", "format": "jsonl", "status": ["failed", "refunded"],
                 "columns": ["payment_id", "Amount"], "compression": "gzip"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String id = created.json().get("id").asString();
        for (JsonNode job :
                List.of(created.json(), api.get("/api/v1/exports/" + id).json())) {
            JsonNode parameters = job.get("parameters");
            assertThat(parameters.get("format").asString()).isEqualTo("jsonl");
            assertThat(texts(parameters.get("status"))).containsExactly("failed", "refunded");
            assertThat(texts(parameters.get("columns"))).containsExactly("payment_id", "Amount");
        }
        assertThat(jdbc.sql("select options ->> 'status' from export_job where id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("[\"failed\", \"refunded\"]");
    }

    @Test
    void a_schedule_takes_the_status_filter_and_answers_it_with_its_export() {
        Response created = api.post("/api/v1/schedules", """
                {"export": {"dataset": "subscribers", "status": ["active"], "format": "jsonl"},
                 "cron": "0 7 * * MON", "timezone": "Europe/Berlin"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode export = created.json().get("export");
        assertThat(texts(export.get("status"))).containsExactly("active");
        assertThat(export.get("format").asString()).isEqualTo("jsonl");
        String id = created.json().get("id").asString();
        assertThat(texts(api.get("/api/v1/schedules/" + id).json().get("export").get("status")))
                .containsExactly("active");
    }

    @Test
    void a_schedule_with_an_unknown_status_is_a_400_naming_export_status() {
        Response refused = api.post("/api/v1/schedules", """
                {"export": {"dataset": "subscribers", "status": ["succeeded"]},
                 "cron": "0 7 * * MON", "timezone": "Europe/Berlin"}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("export.status");
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .contains("has no status succeeded", "active, trialing, past_due, canceled");
    }

    @Test
    void a_succeeded_job_shows_the_instant_of_its_snapshot_as_data_as_of() {
        String id = api.post("/api/v1/exports", "{\"dataset\": \"trainees\", \"format\": \"jsonl\"}")
                .json()
                .get("id")
                .asString();
        UUID job = UUID.fromString(id);
        Instant snapshot = Instant.now().truncatedTo(ChronoUnit.MICROS);
        transitions.claim(job, "worker-test", Instant.now());
        transitions.succeed(
                job,
                Holder.of("worker-test", 1),
                new JobResult(
                        "trainees.jsonl",
                        "exports/test/" + id,
                        3,
                        42,
                        "ab".repeat(32),
                        "application/x-ndjson",
                        snapshot),
                Instant.now());

        JsonNode succeeded = api.get("/api/v1/exports/" + id).json();

        assertThat(succeeded.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(Instant.parse(succeeded.get("dataAsOf").asString())).isEqualTo(snapshot);
        assertThat(succeeded.get("result").get("contentType").asString()).isEqualTo("application/x-ndjson");
    }

    @Test
    void a_job_that_has_not_succeeded_shows_no_data_as_of() {
        JsonNode queued =
                api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}").json();

        assertThat(queued.has("dataAsOf")).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
