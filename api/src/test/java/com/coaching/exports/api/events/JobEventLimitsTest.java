package com.coaching.exports.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.EventStream;
import com.coaching.exports.testkit.EventStream.Event;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/** The bound on a trainer's open streams, the slots given back, and the keep-alive comment. */
@ApiTest
@TestPropertySource(properties = {"exports.events.max-streams-per-trainer=2", "exports.events.keep-alive=200ms"})
class JobEventLimitsTest {

    static final Duration SOON = Duration.ofSeconds(5);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JobTransitions transitions;

    URI base;
    String token;
    String job;
    final List<EventStream> open = new ArrayList<>();

    @BeforeEach
    void aTrainerWithAJob() {
        base = URI.create("http://localhost:" + port);
        token = Tokens.trainer(Tokens.newTrainerId());
        job = new ApiClient(base, token)
                .post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString();
    }

    @AfterEach
    void hangUp() {
        open.forEach(EventStream::close);
    }

    @Test
    void past_the_bound_the_next_stream_is_429_and_other_trainers_are_not_counted() {
        assertThat(follow(token).status()).isEqualTo(200);
        assertThat(follow(token).status()).isEqualTo(200);

        EventStream third = follow(token);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Content-Type")).startsWith("application/problem+json");
        assertThat(third.problem().get("type").asString()).isEqualTo("/problems/too-many-streams");
        String other = Tokens.trainer(Tokens.newTrainerId());
        String theirJob = new ApiClient(base, other)
                .post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString();
        EventStream theirs = EventStream.open(base, other, "/api/v1/exports/" + theirJob + "/events");
        open.add(theirs);
        assertThat(theirs.status()).isEqualTo(200);
    }

    @Test
    void a_client_that_hangs_up_gives_its_slot_back() {
        follow(token);
        EventStream leaving = follow(token);
        assertThat(follow(token).status()).isEqualTo(429);

        leaving.close();

        await().atMost(SOON).until(() -> follow(token).status() == 200);
    }

    @Test
    void a_stream_that_ends_with_its_job_gives_its_slot_back_at_once() {
        for (int i = 0; i < 10; i++) {
            UUID id = newJob();
            try (EventStream events = follow(id)) {
                assertThat(events.status()).as("stream %d", i).isEqualTo(200);
                assertThat(events.next(SOON).json().get("status").asString()).isEqualTo("QUEUED");
                finish(id);
                Event next = events.next(SOON); // RUNNING, unless both moves are read at once
                if (next.json().get("status").asString().equals("RUNNING")) {
                    next = events.next(SOON);
                }
                assertThat(next.json().get("status").asString()).isEqualTo("SUCCEEDED");
            }
        }
    }

    @Test
    void a_stream_of_a_job_that_has_ended_gives_its_slot_back_at_once() {
        for (int i = 0; i < 10; i++) {
            UUID id = newJob();
            finish(id);
            try (EventStream events = follow(id)) {
                assertThat(events.status()).as("stream %d", i).isEqualTo(200);
                assertThat(events.next(SOON).json().get("status").asString()).isEqualTo("SUCCEEDED");
            }
        }
    }

    UUID newJob() {
        return UUID.fromString(new ApiClient(base, token)
                .post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString());
    }

    void finish(UUID id) {
        transitions.claim(id, "limits-test-worker", Instant.now());
        transitions.succeed(id, Holder.of("limits-test-worker", 1), JobEventsTest.result(), Instant.now());
    }

    EventStream follow(UUID id) {
        return EventStream.open(base, token, "/api/v1/exports/" + id + "/events");
    }

    @Test
    void an_open_stream_gets_a_comment_line_every_keep_alive() {
        EventStream events = follow(token);
        assertThat(events.next(SOON).name()).isEqualTo("job");

        Event comment = events.nextOrComment(SOON);
        Event another = events.nextOrComment(SOON);

        assertThat(comment.comment()).isEqualTo("keep-alive");
        assertThat(another.comment()).isEqualTo("keep-alive");
        assertThat(events.raw()).contains("\n:keep-alive\n");
    }

    EventStream follow(String as) {
        EventStream stream = EventStream.open(base, as, "/api/v1/exports/" + job + "/events");
        open.add(stream);
        return stream;
    }
}
