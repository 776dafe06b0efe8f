package com.coaching.exports.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Exports on a schedule, through the API: every answer is checked against the OpenAPI document by ApiClient. */
@ApiTest
class SchedulesTest {

    static final String WEEKLY_PAYMENTS = """
            {"export": {"dataset": "payments", "days": 7, "notify": true, "format": "xlsx"},
             "cron": "0 7 * * MON", "timezone": "Europe/Berlin"}""";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    String token;
    ApiClient trainer;

    @BeforeEach
    void aTrainer() {
        token = Tokens.trainer(Tokens.newTrainerId());
        trainer = new ApiClient(URI.create("http://localhost:" + port), token);
    }

    @Test
    void a_schedule_is_created_with_its_normalized_request_and_next_firing_in_its_zone() {
        Response created = trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS);

        assertThat(created.status()).isEqualTo(201);
        JsonNode schedule = created.json();
        String id = schedule.get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/schedules/" + id);
        assertThat(schedule.get("cron").asString()).isEqualTo("0 7 * * MON");
        assertThat(schedule.get("timezone").asString()).isEqualTo("Europe/Berlin");
        assertThat(schedule.get("paused").asBoolean()).isFalse();
        assertThat(schedule.get("export").toString())
                .isEqualTo("{\"dataset\":\"payments\",\"days\":7,\"notify\":true,\"compression\":\"none\","
                        + "\"format\":\"xlsx\",\"timezone\":\"UTC\"}");
        ZonedDateTime next =
                Instant.parse(schedule.get("nextFireAt").asString()).atZone(ZoneId.of("Europe/Berlin"));
        assertThat(next.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(next.toLocalTime().toString()).isEqualTo("07:00");
        assertThat(next.toInstant()).isAfter(Instant.now());
        assertThat(trainer.get("/api/v1/schedules/" + id).json()).isEqualTo(schedule);
    }

    @Test
    void a_schedule_shows_its_five_latest_firings_newest_first_each_with_its_job_or_why_it_made_none() {
        String id = trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS)
                .json()
                .get("id")
                .asString();
        assertThat(trainer.get("/api/v1/schedules/" + id).json().get("firings").size())
                .isZero();
        Instant monday = Instant.parse("2026-11-30T06:00:00Z");
        List<UUID> jobs = new ArrayList<>();
        for (int week = 0; week < 6; week++) { // as the worker records them: a made firing's job
            UUID job = UUID.randomUUID();
            jobs.add(job);
            firing(id, monday.plus(Duration.ofDays(7L * week)), job, null);
        }
        Instant held = monday.plus(Duration.ofDays(42));
        firing(id, held, null, "active job limit");

        JsonNode firings = trainer.get("/api/v1/schedules/" + id).json().get("firings");

        assertThat(firings.size()).isEqualTo(5);
        assertThat(firings.get(0).get("fireAt").asString()).isEqualTo(held.toString());
        assertThat(firings.get(0).get("skippedReason").asString()).isEqualTo("active job limit");
        assertThat(firings.get(0).has("jobId")).isFalse();
        assertThat(firings.get(1).get("fireAt").asString())
                .isEqualTo(monday.plus(Duration.ofDays(35)).toString());
        assertThat(firings.get(1).get("jobId").asString()).isEqualTo(jobs.get(5).toString());
        assertThat(firings.get(1).has("skippedReason")).isFalse();
        assertThat(trainer.get("/api/v1/schedules").json().get("items").get(0).get("firings"))
                .isEqualTo(firings);
    }

    private void firing(String schedule, Instant fireAt, UUID job, String skippedReason) {
        jdbc.sql("""
                insert into export_schedule_firing (schedule_id, fire_at, job_id, skipped_reason, created_at)
                values (:schedule, :fireAt, :job, :reason, :fireAt)""")
                .param("schedule", UUID.fromString(schedule))
                .param("fireAt", fireAt.atOffset(ZoneOffset.UTC))
                .param("job", job)
                .param("reason", skippedReason)
                .update();
    }

    @Test
    void the_list_holds_the_callers_schedules_oldest_first() {
        String first = trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS)
                .json()
                .get("id")
                .asString();
        String second = trainer.post(
                        "/api/v1/schedules",
                        "{\"export\": {\"dataset\": \"trainees\"}, \"cron\": \"30 6 1 * *\", \"timezone\": \"UTC\"}")
                .json()
                .get("id")
                .asString();

        Response list = trainer.get("/api/v1/schedules");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()
                        .get("items")
                        .valueStream()
                        .map(item -> item.get("id").asString()))
                .containsExactly(first, second);
    }

    @Test
    void a_paused_schedule_shows_no_next_firing_and_resumes_from_the_next_one_after_now() {
        String id = trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS)
                .json()
                .get("id")
                .asString();

        Response paused = patch(id, "{\"paused\": true}");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("paused").asBoolean()).isTrue();
        assertThat(paused.json().has("nextFireAt")).isFalse();

        Response resumed = patch(id, "{\"paused\": false}");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("paused").asBoolean()).isFalse();
        assertThat(Instant.parse(resumed.json().get("nextFireAt").asString())).isAfter(Instant.now());
    }

    @Test
    void a_deleted_schedule_is_gone() {
        String id = trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS)
                .json()
                .get("id")
                .asString();

        assertThat(trainer.delete("/api/v1/schedules/" + id).status()).isEqualTo(204);
        assertThat(trainer.get("/api/v1/schedules/" + id).status()).isEqualTo(404);
        assertThat(trainer.delete("/api/v1/schedules/" + id).status()).isEqualTo(404);
    }

    @Test
    void another_trainers_schedule_is_a_404_for_every_call() {
        String id = trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS)
                .json()
                .get("id")
                .asString();
        String otherToken = Tokens.trainer(Tokens.newTrainerId());
        ApiClient other = trainer.as(otherToken);

        assertNotFound(other.get("/api/v1/schedules/" + id));
        assertNotFound(other.delete("/api/v1/schedules/" + id));
        assertNotFound(patch(otherToken, id, "{\"paused\": true}"));
        assertThat(other.get("/api/v1/schedules").json().get("items").isEmpty()).isTrue();
        assertThat(trainer.get("/api/v1/schedules/" + id).json().get("paused").asBoolean())
                .isFalse();
    }

    @Test
    void a_trainer_may_have_twenty_schedules_and_no_more() {
        for (int i = 0; i < 20; i++) {
            assertThat(trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS).status())
                    .isEqualTo(201);
        }

        Response refused = trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/too-many-schedules");
        assertThat(trainer.get("/api/v1/schedules").json().get("items").size()).isEqualTo(20);
    }

    @Test
    void a_cron_that_is_not_five_fields_is_a_400_naming_cron() {
        assertInvalid(
                "{\"export\": {\"dataset\": \"payments\"}, \"cron\": \"0 0 7 * * MON\", \"timezone\": \"UTC\"}",
                List.of("cron"));
        assertInvalid(
                "{\"export\": {\"dataset\": \"payments\"}, \"cron\": \"61 7 * * *\", \"timezone\": \"UTC\"}",
                List.of("cron"));
        assertInvalid(
                "{\"export\": {\"dataset\": \"payments\"}, \"cron\": \"0 0 30 2 *\", \"timezone\": \"UTC\"}",
                List.of("cron"));
        assertInvalid("{\"export\": {\"dataset\": \"payments\"}, \"timezone\": \"UTC\"}", List.of("cron"));
    }

    @Test
    void a_zone_that_is_not_an_iana_id_is_a_400_naming_timezone() {
        assertInvalid(
                "{\"export\": {\"dataset\": \"payments\"}, \"cron\": \"0 7 * * *\", \"timezone\": \"+01:00\"}",
                List.of("timezone"));
        assertInvalid(
                "{\"export\": {\"dataset\": \"payments\"}, \"cron\": \"0 7 * * *\", \"timezone\": \"Mars/Olympus\"}",
                List.of("timezone"));
    }

    @Test
    void a_bad_export_request_is_a_400_naming_its_fields_under_export() {
        assertInvalid(
                "{\"export\": {\"dataset\": \"payments\", \"days\": 0, \"csv\": {\"delimiter\": \"x\"}},"
                        + " \"cron\": \"0 7 * * *\", \"timezone\": \"UTC\"}",
                List.of("export.days", "export.csv.delimiter"));
        assertInvalid(
                "{\"export\": {\"dataset\": \"invoices\"}, \"cron\": \"0 7 * * *\", \"timezone\": \"UTC\"}",
                List.of("export.dataset"));
        assertInvalid("{\"cron\": \"0 7 * * *\", \"timezone\": \"UTC\"}", List.of("export"));
    }

    @Test
    void a_patch_without_paused_is_a_400_naming_paused() {
        String id = trainer.post("/api/v1/schedules", WEEKLY_PAYMENTS)
                .json()
                .get("id")
                .asString();

        Response response = patch(id, "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("paused");
    }

    private void assertInvalid(String body, List<String> fields) {
        Response response = trainer.post("/api/v1/schedules", body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(error -> error.get("field").asString()))
                .as(body)
                .containsExactlyInAnyOrderElementsOf(fields);
        assertThat(trainer.get("/api/v1/schedules").json().get("items").isEmpty())
                .isTrue();
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/not-found");
    }

    private Response patch(String id, String body) {
        return patch(token, id, body);
    }

    private Response patch(String bearer, String id, String body) {
        return trainer.exchange(
                "PATCH",
                "/api/v1/schedules/" + id,
                body,
                "Authorization",
                "Bearer " + bearer,
                "Content-Type",
                "application/json",
                "Accept",
                "application/json");
    }
}
