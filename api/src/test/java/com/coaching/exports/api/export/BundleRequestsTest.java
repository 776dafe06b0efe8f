package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Bundles through the API: every answer is checked against the OpenAPI document by ApiClient. */
@ApiTest
class BundleRequestsTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void newTrainer() {
        api = ApiClient.newTrainerOnPort(port);
    }

    @Test
    void a_bundle_is_one_job_that_carries_its_datasets_and_no_dataset() {
        Response created = api.post("/api/v1/exports", """
                {"datasets": ["trainees", "payments", "subscribers"], "format": "jsonl", "status": ["failed"],
                 "compression": "gzip"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String id = created.json().get("id").asString();
        for (JsonNode job :
                List.of(created.json(), api.get("/api/v1/exports/" + id).json())) {
            assertThat(job.has("dataset")).isFalse();
            assertThat(job.get("datasets").toString()).isEqualTo("[\"trainees\",\"payments\",\"subscribers\"]");
            assertThat(job.get("parameters").toString())
                    .isEqualTo("{\"days\":30,\"compression\":\"gzip\",\"format\":\"jsonl\",\"status\":[\"failed\"]}");
        }
        assertThat(api.get("/api/v1/exports?page=0&size=20")
                        .json()
                        .get("items")
                        .get(0)
                        .get("datasets")
                        .size())
                .isEqualTo(3);
        assertThat(jdbc.sql("select dataset || ' ' || (options -> 'datasets')::text from export_job where id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("trainees [\"trainees\", \"payments\", \"subscribers\"]");
    }

    @Test
    void a_single_export_carries_its_dataset_and_no_datasets() {
        JsonNode job =
                api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}").json();

        assertThat(job.get("dataset").asString()).isEqualTo("trainees");
        assertThat(job.has("datasets")).isFalse();
    }

    @Test
    void a_bundle_without_payments_takes_no_window() {
        JsonNode job = api.post("/api/v1/exports", "{\"datasets\": [\"subscribers\", \"trainees\"]}")
                .json();

        assertThat(job.get("parameters").isEmpty()).isTrue();
    }

    @Test
    void a_bundles_row_estimate_is_the_sum_of_its_datasets_estimates() {
        long bundle = estimate("{\"datasets\": [\"payments\", \"subscribers\", \"trainees\"], \"days\": 7}");

        long sum = estimate("{\"dataset\": \"payments\", \"days\": 7}")
                + estimate("{\"dataset\": \"subscribers\"}")
                + estimate("{\"dataset\": \"trainees\"}");
        assertThat(bundle).isEqualTo(sum).isPositive();
    }

    @Test
    void a_schedule_may_make_bundles() {
        Response created = api.post("/api/v1/schedules", """
                {"export": {"datasets": ["payments", "trainees"], "days": 7},
                 "cron": "0 7 * * MON", "timezone": "Europe/Berlin"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("export").toString())
                .isEqualTo("{\"days\":7,\"notify\":false,\"compression\":\"none\",\"format\":\"csv\","
                        + "\"timezone\":\"UTC\",\"datasets\":[\"payments\",\"trainees\"]}");
    }

    private long estimate(String body) {
        Response created = api.post("/api/v1/exports", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.json().get("progress").get("estimatedRows").asLong();
    }
}
