package com.coaching.exports.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiContract;
import com.coaching.exports.testkit.EventStream;
import com.coaching.exports.testkit.EventStream.Event;
import com.coaching.exports.testkit.Tokens;
import io.swagger.v3.oas.models.Operation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code GET /api/v1/exports/{id}/events}, read as a client reads it while the job moves (moved here
 * through {@link JobTransitions}, as a worker moves it). Every answer and every event's job is checked
 * against {@code /v3/api-docs}.
 */
@ApiTest
class JobEventsTest {

    static final Duration SOON = Duration.ofSeconds(5);
    static final String WORKER = "events-test-worker";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JobTransitions transitions;

    @Autowired
    JobChangeListener listener;

    @Autowired
    JdbcClient jdbc;

    URI base;
    String token;
    ApiClient api;

    @BeforeEach
    void newTrainer() {
        base = URI.create("http://localhost:" + port);
        token = Tokens.trainer(Tokens.newTrainerId());
        api = new ApiClient(base, token);
    }

    @Test
    void a_stream_shows_the_job_at_once_then_each_move_and_ends_within_200_ms_of_the_last() {
        UUID id = newJob();

        try (EventStream events = follow(id)) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.header("Content-Type")).startsWith("text/event-stream");
            Event queued = events.next(SOON);
            assertThat(queued.name()).isEqualTo("job");
            assertThat(queued.json()).isEqualTo(api.get(path(id)).json());

            long beforeTheClaim = System.nanoTime();
            transitions.claim(id, WORKER, Instant.now());
            Event running = events.next(SOON);
            assertThat(running.json().get("status").asString()).isEqualTo("RUNNING");
            assertThat(Duration.ofNanos(running.nanos() - beforeTheClaim)).isLessThan(Duration.ofMillis(200));
            assertThat(running.json()).isEqualTo(api.get(path(id)).json());

            long beforeTheLastMove = System.nanoTime();
            transitions.succeed(id, Holder.of(WORKER, 1), result(), Instant.now());
            Event succeeded = events.next(SOON);

            assertThat(succeeded.json().get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(succeeded.json().get("result").get("rowCount").asLong()).isEqualTo(3);
            assertThat(Duration.ofNanos(succeeded.nanos() - beforeTheLastMove)).isLessThan(Duration.ofMillis(200));
            assertThat(queued.idNumber()).isLessThan(running.idNumber());
            assertThat(running.idNumber()).isLessThan(succeeded.idNumber());
            assertThat(events.endsWithin(SOON)).isTrue();
        }
    }

    @Test
    void last_event_id_resumes_after_that_event_without_repeating_it() {
        UUID id = newJob();
        transitions.claim(id, WORKER, Instant.now());
        Event running;
        try (EventStream first = follow(id)) {
            running = first.next(SOON);
            assertThat(running.json().get("status").asString()).isEqualTo("RUNNING");
        }

        try (EventStream resumed = follow(id, "Last-Event-ID", running.id())) {
            assertThat(resumed.next(Duration.ofMillis(500))).isNull();
            transitions.fail(id, Holder.of(WORKER, 1), new JobError("EXPORT_FAILED", "it broke"), Instant.now());
            Event failed = resumed.next(SOON);

            assertThat(failed.json().get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.idNumber()).isGreaterThan(running.idNumber());
            assertThat(resumed.endsWithin(SOON)).isTrue();
            assertThat(resumed.seen())
                    .as(resumed.raw())
                    .filteredOn(event -> event.comment() == null)
                    .extracting(Event::id)
                    .containsExactly(failed.id());

            try (EventStream afterTheEnd = follow(id, "Last-Event-ID", failed.id())) {
                assertThat(afterTheEnd.status()).isEqualTo(200);
                assertThat(afterTheEnd.endsWithin(SOON)).isTrue();
                assertThat(afterTheEnd.seen())
                        .filteredOn(event -> event.comment() == null)
                        .isEmpty();
            }
        }
    }

    @Test
    void a_move_made_while_the_listening_connection_was_cut_off_reaches_the_stream_once_it_is_back() {
        UUID id = newJob();
        try (EventStream events = follow(id)) {
            assertThat(events.next(SOON).json().get("status").asString()).isEqualTo("QUEUED");

            int connections = listener.connections();
            jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = :name")
                    .param("name", JobChangeListener.APPLICATION_NAME)
                    .query(Boolean.class)
                    .list();
            // at once, while the listener waits out its first backoff (at least 250 ms): nobody hears it
            transitions.claim(id, WORKER, Instant.now());

            Event running = events.next(Duration.ofSeconds(20));
            assertThat(running).isNotNull();
            assertThat(running.json().get("status").asString()).isEqualTo("RUNNING");
            assertThat(listener.connections()).isGreaterThan(connections);
        }
    }

    @Test
    void a_finished_job_streams_its_one_event_and_ends() {
        UUID id = newJob();
        api.post(path(id) + "/cancel", "");

        try (EventStream events = follow(id)) {
            Event cancelled = events.next(SOON);

            assertThat(cancelled.json()).isEqualTo(api.get(path(id)).json());
            assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(events.endsWithin(SOON)).isTrue();
        }
    }

    @Test
    void deleting_the_job_ends_its_stream() {
        UUID id = newJob();
        try (EventStream events = follow(id)) {
            assertThat(events.next(SOON).json().get("status").asString()).isEqualTo("QUEUED");

            assertThat(api.delete(path(id)).status()).isEqualTo(204);

            assertThat(events.endsWithin(SOON)).isTrue();
            assertThat(events.seen())
                    .filteredOn(event -> event.comment() == null)
                    .hasSize(1);
        }
    }

    @Test
    void another_trainers_job_and_an_unknown_one_are_not_found() {
        UUID id = newJob();

        try (EventStream theirs = EventStream.open(base, Tokens.trainer(Tokens.newTrainerId()), path(id) + "/events");
                EventStream unknown = follow(UUID.randomUUID())) {
            assertThat(theirs.status()).isEqualTo(404);
            assertThat(theirs.header("Content-Type")).startsWith("application/problem+json");
            assertThat(theirs.problem().get("type").asString()).isEqualTo("/problems/not-found");
            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    @Test
    void no_token_is_401_and_a_last_event_id_that_is_no_event_id_is_400_naming_it() {
        UUID id = newJob();

        try (EventStream anonymous = EventStream.open(base, null, path(id) + "/events");
                EventStream bad = follow(id, "Last-Event-ID", "yesterday")) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.problem().get("errors").get(0).get("field").asString())
                    .isEqualTo("Last-Event-ID");
        }
    }

    @Test
    void a_client_that_accepts_only_json_is_406_with_a_problem() {
        UUID id = newJob();

        var answer = api.exchange(
                "GET", path(id) + "/events", null, "Authorization", "Bearer " + token, "Accept", "application/json");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(406);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/not-acceptable");
    }

    @Test
    void the_description_has_the_stream_with_its_media_type_header_and_problems() {
        Operation stream = ApiContract.of(base)
                .api()
                .getPaths()
                .get("/api/v1/exports/{id}/events")
                .getGet();

        assertThat(stream.getResponses()).containsKeys("200", "400", "401", "403", "404", "406", "429", "500", "503");
        assertThat(stream.getResponses().get("200").getContent()).containsOnlyKeys("text/event-stream");
        assertThat(stream.getResponses().get("404").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(stream.getResponses().get("429").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(stream.getParameters())
                .anySatisfy(parameter -> assertThat(parameter.getName() + " in " + parameter.getIn())
                        .isEqualTo("Last-Event-ID in header"));
    }

    UUID newJob() {
        return UUID.fromString(api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString());
    }

    EventStream follow(UUID id, String... headers) {
        return EventStream.open(base, token, path(id) + "/events", headers);
    }

    static String path(UUID id) {
        return "/api/v1/exports/" + id;
    }

    static JobResult result() {
        return new JobResult(
                "trainees.csv", "exports/test/" + UUID.randomUUID(), 3, 42, "ab".repeat(32), "text/csv", null);
    }
}
