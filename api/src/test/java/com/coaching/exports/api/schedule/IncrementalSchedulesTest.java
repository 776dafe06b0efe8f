package com.coaching.exports.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Schedules whose window is sinceLastRun, through the API (every answer checked against the OpenAPI
 * document by ApiClient): what they accept, what they show, and what their jobs show. Their firings
 * are the worker's ({@code IncrementalScheduleTest}).
 */
@ApiTest
class IncrementalSchedulesTest {

    static final String DAILY_NEW_PAYMENTS = """
            {"export": {"dataset": "payments", "days": 7}, "cron": "0 6 * * *", "timezone": "UTC",
             "window": "sinceLastRun"}""";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobTransitions transitions;

    long trainerId;
    ApiClient trainer;

    @BeforeEach
    void aTrainer() {
        trainerId = Tokens.newTrainerId();
        trainer = new ApiClient(URI.create("http://localhost:" + port), Tokens.trainer(trainerId));
    }

    @Test
    void a_payments_schedule_may_export_only_what_is_new_since_its_last_run_and_says_so() {
        Response created = trainer.post("/api/v1/schedules", DAILY_NEW_PAYMENTS);

        assertThat(created.status()).isEqualTo(201);
        JsonNode schedule = created.json();
        assertThat(schedule.get("window").asString()).isEqualTo("sinceLastRun");
        assertThat(schedule.has("lastWindowEnd"))
                .as("no window was handed to a job yet")
                .isFalse();
        assertThat(schedule.get("export").get("days").asInt())
                .as("the first firing's window")
                .isEqualTo(7);
        String id = schedule.get("id").asString();
        assertThat(trainer.get("/api/v1/schedules/" + id).json()).isEqualTo(schedule);

        Instant end = Instant.parse("2026-12-07T05:59:00Z");
        jdbc.sql("update export_schedule set last_window_end = :end where id = :id") // as a firing leaves it
                .param("id", UUID.fromString(id))
                .param("end", end.atOffset(ZoneOffset.UTC))
                .update();
        assertThat(trainer.get("/api/v1/schedules/" + id)
                        .json()
                        .get("lastWindowEnd")
                        .asString())
                .isEqualTo(end.toString());
    }

    @Test
    void a_schedule_without_a_window_shows_none() {
        JsonNode schedule = trainer.post(
                        "/api/v1/schedules",
                        "{\"export\": {\"dataset\": \"payments\"}, \"cron\": \"0 6 * * *\", \"timezone\": \"UTC\"}")
                .json();

        assertThat(schedule.has("window")).isFalse();
    }

    @Test
    void a_window_for_another_dataset_with_from_and_to_or_of_another_kind_is_a_400_naming_window() {
        assertInvalid("""
                {"export": {"dataset": "subscribers"}, "cron": "0 6 * * *", "timezone": "UTC",
                 "window": "sinceLastRun"}""");
        assertInvalid("""
                {"export": {"dataset": "payments", "from": "2026-11-01", "to": "2026-11-30"}, "cron": "0 6 * * *",
                 "timezone": "UTC", "window": "sinceLastRun"}""");
        assertInvalid("""
                {"export": {"dataset": "payments"}, "cron": "0 6 * * *", "timezone": "UTC",
                 "window": "sinceLastMonth"}""");
    }

    @Test
    void the_job_of_an_incremental_firing_shows_its_window_as_instants_and_no_days() {
        Instant start = Instant.parse("2026-12-06T05:59:00Z");
        Instant end = Instant.parse("2026-12-07T05:59:00Z");
        ExportJob job = ExportJob.queued(
                UUID.randomUUID(),
                trainerId,
                Dataset.PAYMENTS,
                null,
                false,
                null,
                ExportOptions.NONE.between(start, end),
                Instant.now());
        transitions.create(job, null, null);

        JsonNode parameters = trainer.get("/api/v1/exports/" + job.id()).json().get("parameters");

        assertThat(parameters.toString())
                .isEqualTo("{\"windowStart\":\"2026-12-06T05:59:00Z\",\"windowEnd\":\"2026-12-07T05:59:00Z\"}");
    }

    @Test
    void the_openapi_document_describes_the_window_of_a_schedule_and_of_a_job() {
        JsonNode schemas = ApiClient.onPort(port, null)
                .get("/v3/api-docs")
                .json()
                .path("components")
                .path("schemas");

        for (String schema : List.of("ScheduleRequest", "Schedule")) {
            assertThat(schemas.path(schema)
                            .path("properties")
                            .path("window")
                            .path("enum")
                            .toString())
                    .as(schema)
                    .isEqualTo("[\"sinceLastRun\"]");
        }
        assertThat(schemas.path("Schedule")
                        .path("properties")
                        .path("lastWindowEnd")
                        .path("format")
                        .asString())
                .isEqualTo("date-time");
        for (String field : List.of("windowStart", "windowEnd")) {
            assertThat(schemas.path("Parameters")
                            .path("properties")
                            .path(field)
                            .path("format")
                            .asString())
                    .as(field)
                    .isEqualTo("date-time");
        }
    }

    private void assertInvalid(String body) {
        Response response = trainer.post("/api/v1/schedules", body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(error -> error.get("field").asString())
                        .toList())
                .as(body)
                .isEqualTo(List.of("window"));
        assertThat(trainer.get("/api/v1/schedules").json().get("items").isEmpty())
                .isTrue();
    }
}
