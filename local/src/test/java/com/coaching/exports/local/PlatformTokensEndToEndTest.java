package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.EventStream;
import com.coaching.exports.testkit.EventStream.Event;
import com.coaching.exports.testkit.SimpleJwtTokens;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.worker.support.SourceRows;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The platform's web client talking to the service with the tokens it already holds: simplejwt's, byte for
 * byte ({@link SimpleJwtTokens}), against the API and a worker set up as docs/api.md's "The platform's tokens"
 * says: the user in {@code user_id}, {@code token_type=access} required, the role read from {@code users.role}.
 */
class PlatformTokensEndToEndTest {

    static final SimpleJwtTokens PLATFORM = new SimpleJwtTokens(Tokens.SECRET);
    static final Duration SOON = Duration.ofSeconds(30);

    static LocalStack stack;
    static JdbcClient jdbc;

    SourceRows rows;
    URI base;

    @BeforeAll
    static void startTheSystemAsThePlatformNeedsIt() {
        stack = TestStack.start(
                Map.of(
                        "exports.jwt.user-claim", "user_id",
                        "exports.jwt.required-claims", "token_type=access",
                        "exports.jwt.role-source", "database"),
                api -> Map.of());
        jdbc = stack.api().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopTheSystem() {
        stack.close();
    }

    @BeforeEach
    void theApi() {
        rows = new SourceRows(jdbc);
        base = URI.create("http://localhost:" + stack.apiPort());
    }

    @Test
    void a_trainers_access_token_exports_polls_follows_the_events_and_downloads_the_file() {
        long trainer = rows.trainer("Tess", "Trainer", "tess@example.com");
        long anna =
                rows.trainee(trainer, "Anna", "Lee", "anna@example.com", true, Instant.parse("2026-02-03T04:05:06Z"));
        String token = PLATFORM.access(trainer);
        ApiClient api = new ApiClient(base, token);

        Response created = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String location = created.header("Location");

        try (EventStream events = EventStream.open(base, token, location + "/events")) {
            assertThat(events.status()).isEqualTo(200);
            Event last = events.next(SOON);
            while (last != null && !last.json().get("status").asString().equals("SUCCEEDED")) {
                last = events.next(SOON);
            }
            assertThat(last).as("an event with the job SUCCEEDED").isNotNull();
        }
        JsonNode job = api.get(location).json();
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");

        Response redirect = api.get(location + "/download");
        assertThat(redirect.status()).isEqualTo(302);
        HttpResponse<byte[]> file = api.fetch(URI.create(redirect.header("Location")));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(new String(file.body(), StandardCharsets.UTF_8))
                .isEqualTo("Trainee ID,First Name,Last Name,Email,Active,Joined,Fitness Goal,Activity Level,"
                        + "Active Programs,Last Log Date\r\n"
                        + anna + ",Anna,Lee," + rows.email("anna@example.com") + ",true,2026-02-03T04:05:06Z,,,,\r\n");
    }

    @Test
    void the_trainers_refresh_token_is_a_401() {
        long trainer = rows.trainer("Rita", "Refresh", "rita@example.com");

        Response response =
                new ApiClient(base, PLATFORM.refresh(trainer)).post("/api/v1/exports", "{\"dataset\": \"trainees\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/unauthenticated");
    }

    @Test
    void a_trainees_access_token_is_a_403() {
        long trainer = rows.trainer("Tom", "Trainer", "tom@example.com");
        long trainee = rows.trainee(trainer, "Tina", "Trainee", "tina@example.com", true, Instant.now());

        assertForbidden(
                new ApiClient(base, PLATFORM.access(trainee)).post("/api/v1/exports", "{\"dataset\": \"trainees\"}"));
    }

    @Test
    void an_unknown_users_access_token_is_a_403() {
        assertForbidden(new ApiClient(base, PLATFORM.access(Tokens.newTrainerId())).get("/api/v1/exports"));
    }

    @Test
    void an_access_token_without_user_id_is_a_401() {
        Response response = new ApiClient(base, PLATFORM.accessWithoutUser()).get("/api/v1/exports");

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/unauthenticated");
    }

    private static void assertForbidden(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/forbidden");
    }
}
