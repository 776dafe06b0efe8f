package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Issue 13's request fields: accepted, stored with the job and echoed in its JSON; absent ones change nothing. */
@ApiTest
class ExportOptionsTest {

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
    void the_accepted_options_are_echoed_in_the_job_and_stored_with_it() {
        Response created = api.post("/api/v1/exports", """
                {"dataset": "payments", "timezone": "Asia/Kolkata", "from": "2026-10-01", "to": "2026-10-31",
                 "format": "csv", "columns": ["Amount", "Payment ID"],
                 "csv": {"delimiter": ";", "lineEnding": "LF", "bom": true}, "compression": "gzip"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String id = created.json().get("id").asString();
        for (JsonNode job : java.util.List.of(
                created.json(), api.get("/api/v1/exports/" + id).json())) {
            JsonNode parameters = job.get("parameters");
            assertThat(parameters.propertyNames())
                    .containsExactlyInAnyOrder("timezone", "from", "to", "format", "columns", "csv", "compression");
            assertThat(parameters.get("timezone").asString()).isEqualTo("Asia/Kolkata");
            assertThat(parameters.get("from").asString()).isEqualTo("2026-10-01");
            assertThat(parameters.get("to").asString()).isEqualTo("2026-10-31");
            assertThat(parameters.get("format").asString()).isEqualTo("csv");
            assertThat(parameters.get("columns").valueStream().map(JsonNode::asString))
                    .containsExactly("Amount", "Payment ID");
            assertThat(parameters.get("csv").get("delimiter").asString()).isEqualTo(";");
            assertThat(parameters.get("csv").get("lineEnding").asString()).isEqualTo("LF");
            assertThat(parameters.get("csv").get("bom").asBoolean()).isTrue();
        }
        assertThat(jdbc.sql("select days, options ->> 'timezone' from export_job where id = :id")
                        .param("id", UUID.fromString(id))
                        .query((rs, n) -> rs.getObject(1) + " " + rs.getString(2))
                        .single())
                .isEqualTo("null Asia/Kolkata");
    }

    @Test
    void csv_options_left_out_inside_the_csv_object_are_echoed_with_their_defaults() {
        JsonNode csv = api.post("/api/v1/exports", """
                        {"dataset": "trainees", "csv": {"delimiter": "\\t"}}""").json().get("parameters").get("csv");

        assertThat(csv.get("delimiter").asString()).isEqualTo("\t");
        assertThat(csv.get("lineEnding").asString()).isEqualTo("CRLF");
        assertThat(csv.get("bom").asBoolean()).isFalse();
    }

    @Test
    void a_request_without_the_new_fields_is_stored_and_echoed_as_before() {
        Response created = api.post("/api/v1/exports", "{\"dataset\": \"payments\"}");

        assertThat(created.json().get("parameters").propertyNames()).containsExactly("days");
        assertThat(created.json().get("parameters").get("days").asInt()).isEqualTo(30);
        assertThat(jdbc.sql("select options is null from export_job where id = :id")
                        .param("id", UUID.fromString(created.json().get("id").asString()))
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void an_idempotency_key_reused_with_other_options_is_refused() {
        String key = UUID.randomUUID().toString();
        Response first = api.post(
                "/api/v1/exports",
                "{\"dataset\": \"trainees\", \"timezone\": \"Europe/Berlin\"}",
                "Idempotency-Key",
                key);
        Response same = api.post(
                "/api/v1/exports",
                "{\"dataset\": \"trainees\", \"timezone\": \"Europe/Berlin\"}",
                "Idempotency-Key",
                key);
        Response other = api.post(
                "/api/v1/exports",
                "{\"dataset\": \"trainees\", \"timezone\": \"Europe/Paris\"}",
                "Idempotency-Key",
                key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(same.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(other.status()).isEqualTo(422);
    }
}
