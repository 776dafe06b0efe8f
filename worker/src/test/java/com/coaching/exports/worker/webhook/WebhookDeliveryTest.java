package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.retention.RetentionSweeper;
import com.coaching.exports.worker.support.Inbox;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.TestClock;
import com.coaching.exports.worker.support.WorkerTest;
import com.coaching.exports.worker.webhook.Endpoints.Endpoint;
import com.coaching.exports.worker.webhook.Receiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trainer's endpoint gets each event of their exports once it answers 2xx, signed the Standard
 * Webhooks way, with the job JSON; a failed try is made again with the same webhook-id; an endpoint
 * that keeps failing is disabled and its trainer told.
 */
@WorkerTest
@DirtiesContext // its dispatcher stops with its class (see WorkerTest)
@Import({Jobs.class, Endpoints.class, TestClock.Config.class})
@TestPropertySource(
        properties = {
            "exports.webhooks.allow-http=true",
            "exports.webhooks.allow-private-networks=true",
            "exports.webhooks.interval=200ms",
            // waits the test passes by moving the worker's clock, never by sleeping
            "exports.webhooks.retry-delays=1m,1m,1m,1m,1m,1m,1m",
            "exports.webhooks.disable-after=5m"
        })
class WebhookDeliveryTest {

    @Autowired
    Jobs jobs;

    @Autowired
    Endpoints endpoints;

    @Autowired
    JsonMapper json;

    @Autowired
    RetentionSweeper retention;

    @Autowired
    FinishedDeliveries finished;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    /** Past the test's retry delay (1 min) and its jitter (±20 %). */
    static final Duration RETRY_DELAY_AND_JITTER = Duration.ofSeconds(73);

    Receiver receiver;
    SourceRows rows;
    long trainer;

    @BeforeEach
    void aTrainerWithAnEndpoint() throws Exception {
        receiver = new Receiver();
        rows = jobs.sourceRows();
        trainer = rows.trainerWithPayments("Tess", "Trainer", "tess@example.com", 3);
    }

    @AfterEach
    void stopTheEndpoint() {
        endpoints.removeAll(trainer);
        receiver.close();
        clock.reset();
    }

    @Test
    void a_succeeded_export_is_posted_once_signed_with_the_job_json_and_its_download_link() throws Exception {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded", "export.failed");

        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);

        Received event = awaitRequests(1).get(0);
        event.verify(endpoint.secret());
        JsonNode body = json.readTree(event.body());
        assertThat(body.get("type").asString()).isEqualTo("export.succeeded");
        assertThat(body.get("timestamp").asString()).isNotBlank();
        assertThat(body.get("data").get("id").asString()).isEqualTo(done.id().toString());
        assertThat(body.get("data").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(body.get("data").get("result").get("rowCount").asLong()).isEqualTo(3);
        assertThat(body.get("data").get("download").get("url").asString()).contains("X-Amz-Signature=");
        assertThat(event.header("webhook-signature")).startsWith("v1,");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> endpoints.deliveries(endpoint.id()).get(0).get("delivered_at") != null);
        assertThat(endpoints.attempts(endpoint.id()))
                .extracting(row -> row.get("status_code"))
                .containsExactly(200);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received().size() == 1);
    }

    @Test
    void an_endpoint_that_answers_500_gets_the_event_again_with_the_same_webhook_id() throws Exception {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded");
        receiver.answering(500);

        jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);
        awaitRequests(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> endpoints.attempts(endpoint.id()).size() == 1);

        clock.move(RETRY_DELAY_AND_JITTER);
        List<Received> tries = awaitRequests(2);
        assertThat(tries).extracting(Received::answered).containsExactly(500, 200);
        assertThat(tries.get(1).header("webhook-id"))
                .isEqualTo(tries.get(0).header("webhook-id"))
                .isEqualTo(endpoints.deliveries(endpoint.id()).get(0).get("id").toString());
        for (Received attempt : tries) {
            attempt.verify(endpoint.secret());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> endpoints.attempts(endpoint.id()).size() == 2);
        assertThat(endpoints.attempts(endpoint.id()))
                .extracting(row -> row.get("status_code"))
                .containsExactly(500, 200);
    }

    @Test
    void an_export_that_failed_is_posted_only_to_endpoints_subscribed_to_failures() throws Exception {
        Receiver failures = new Receiver();
        try {
            endpoints.register(trainer, receiver.url(), "export.succeeded");
            Endpoint told = endpoints.register(trainer, failures.url(), "export.failed");
            ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
            jobs.claimedBy(job, "dead-worker");
            jobs.startedTimes(job.id(), 3);
            jobs.leaseExpires(job.id());

            jobs.awaitStatus(job.id(), JobStatus.FAILED);

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> failures.received().size() == 1);
            Received event = failures.received().get(0);
            event.verify(told.secret());
            JsonNode body = json.readTree(event.body());
            assertThat(body.get("type").asString()).isEqualTo("export.failed");
            assertThat(body.get("data").get("error").get("code").asString()).isEqualTo("ATTEMPTS_EXHAUSTED");
            assertThat(receiver.received()).isEmpty();
        } finally {
            failures.close();
        }
    }

    @Test
    void an_export_whose_file_expired_is_posted_as_expired_without_a_download_link() throws Exception {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.expired");
        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);

        retention.expireAsOf(done.finishedAt().plus(Duration.ofDays(8)));

        Received event = awaitRequests(1).get(0);
        event.verify(endpoint.secret());
        JsonNode body = json.readTree(event.body());
        assertThat(body.get("type").asString()).isEqualTo("export.expired");
        assertThat(body.get("data").get("status").asString()).isEqualTo("EXPIRED");
        assertThat(body.get("data").has("download")).isFalse();
    }

    @Test
    void an_endpoint_failing_past_the_disable_window_is_disabled_and_its_trainer_mailed() {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded");
        receiver.answering(500, 500, 500, 500, 500, 500, 500, 500);

        jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            if (endpoints.attempts(endpoint.id()).size() == receiver.received().size()) {
                clock.move(RETRY_DELAY_AND_JITTER); // each failed try recorded: its retry is due
            }
            return endpoints.endpoint(endpoint.id()).get("disabled_at") != null;
        });
        Map<String, Object> delivery = endpoints.deliveries(endpoint.id()).get(0);
        assertThat(delivery.get("delivered_at")).isNull();
        assertThat(delivery.get("abandoned_at")).isNotNull();
        String email = rows.email("tess@example.com");
        await().atMost(Duration.ofSeconds(15)).until(() -> !Inbox.of(email).isEmpty());
        assertThat(Inbox.of(email).get(0).subject()).isEqualTo("Your webhook was disabled");
        int tries = receiver.received().size();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received().size() == tries);
    }

    @Test
    void events_delivered_or_given_up_before_the_keep_window_are_forgotten_and_the_rest_kept() {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded");
        Instant now = Instant.now();
        Instant eightDaysAgo = now.minus(Duration.ofDays(8));
        endpoints.delivery(endpoint.id(), eightDaysAgo, eightDaysAgo, null);
        endpoints.delivery(endpoint.id(), eightDaysAgo, null, eightDaysAgo);
        UUID recent = endpoints.delivery(endpoint.id(), eightDaysAgo, now.minus(Duration.ofDays(1)), null);
        UUID owed = endpoints.delivery(endpoint.id(), eightDaysAgo, null, null);

        assertThat(finished.forget()).isGreaterThanOrEqualTo(2);

        assertThat(endpoints.deliveries(endpoint.id()))
                .extracting(row -> row.get("id"))
                .containsExactlyInAnyOrder(recent, owed);
    }

    @Test
    void each_try_that_carries_a_link_is_one_webhook_link_entry_of_the_history_without_an_address() throws Exception {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded");
        receiver.answering(500);

        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);
        awaitRequests(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> endpoints.attempts(endpoint.id()).size() == 1);
        clock.move(RETRY_DELAY_AND_JITTER);
        List<Received> tries = awaitRequests(2);

        for (int i = 0; i < tries.size(); i++) {
            JsonNode history = json.readTree(tries.get(i).body()).get("data").get("history");
            JsonNode issued = history.get(history.size() - 1); // each try's own, recorded before it was rendered
            assertThat(history.valueStream()
                            .filter(entry -> entry.get("reason").toString().equals("\"link issued\"")))
                    .hasSize(i + 1);
            assertThat(issued.get("by").asString()).isEqualTo("webhook link");
            assertThat(issued.get("from").asString()).isEqualTo("SUCCEEDED");
            assertThat(issued.get("to").asString()).isEqualTo("SUCCEEDED");
            assertThat(issued.has("address")).isFalse();
            assertThat(issued.toString()).doesNotContain("X-Amz");
        }
        assertThat(jdbc.sql("select by, links from export_link_count where job_id = :job")
                        .param("job", done.id())
                        .query((rs, n) -> rs.getString("by") + ": " + rs.getInt("links"))
                        .list())
                .containsExactly("webhook link: 2");
    }

    private List<Received> awaitRequests(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= count);
        return receiver.received();
    }
}
