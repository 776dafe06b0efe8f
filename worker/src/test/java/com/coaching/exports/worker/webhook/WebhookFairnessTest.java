package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.webhook.WebhookProperties;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.WorkerTest;
import com.coaching.exports.worker.webhook.Endpoints.Endpoint;
import com.coaching.exports.worker.webhook.Receiver.Received;
import com.coaching.exports.worker.webhook.WebhookOutbox.Due;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bad neighbour hurts no one: the senders are shared by every endpoint, an endpoint has one event in
 * flight at most, so an endpoint that stalls holds one sender and another trainer's events go out as
 * soon as they are due; hundreds of events due at once all go out and leave every sender free.
 */
@WorkerTest
@DirtiesContext // its dispatcher stops with its class (see WorkerTest)
@Import({Jobs.class, Endpoints.class})
@TestPropertySource(
        properties = {
            "exports.webhooks.allow-http=true",
            "exports.webhooks.allow-private-networks=true",
            "exports.webhooks.interval=100ms"
        })
class WebhookFairnessTest {

    @Autowired
    Jobs jobs;

    @Autowired
    Endpoints endpoints;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    WebhookProperties settings;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void three_hundred_events_due_at_once_are_all_delivered_and_every_sender_is_free_afterwards() throws Exception {
        try (Receiver receiver = new Receiver()) {
            long trainer = jobs.sourceRows().trainerWithPayments("Tess", "Trainer", "tess@example.com", 1);
            List<Endpoint> registered = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Endpoint endpoint = endpoints.register(trainer, receiver.url() + "?endpoint=" + i, "export.succeeded");
                endpoints.owed(endpoint.id(), 10, Instant.now());
                registered.add(endpoint);
            }

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> registered.stream().allMatch(endpoint -> endpoints.owedCount(endpoint.id()) == 0));

            assertThat(receiver.received()).hasSize(300);
            assertThat(receiver.received().stream()
                            .map(request -> request.header("webhook-id"))
                            .distinct())
                    .hasSize(300);
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.freeSenders() == settings.concurrency());
            endpoints.removeAll(trainer);
        }
    }

    @Test
    void a_stalled_endpoint_with_300_events_holds_one_sender_and_another_trainers_event_arrives_within_5_s()
            throws Exception {
        try (Receiver stalled = new Receiver().stalling();
                Receiver healthy = new Receiver()) {
            long ada = jobs.sourceRows().trainerWithPayments("Ada", "Stalled", "ada@example.com", 1);
            long bea = jobs.sourceRows().trainerWithPayments("Bea", "Healthy", "bea@example.com", 3);
            Endpoint silent = endpoints.register(ada, stalled.url(), "export.succeeded");
            endpoints.owed(silent.id(), 300, Instant.now());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !stalled.received().isEmpty());
            endpoints.register(bea, healthy.url(), "export.succeeded");

            ExportJob done =
                    jobs.awaitStatus(jobs.queue(bea, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);

            await().atMost(Duration.ofSeconds(5)).until(() -> healthy.received().size() == 1);
            Received event = healthy.received().get(0);
            assertThat(json.readTree(event.body()).get("type").asString()).isEqualTo("export.succeeded");
            assertThat(json.readTree(event.body()).get("data").get("id").asString())
                    .isEqualTo(done.id().toString());
            assertThat(endpoints.inFlight(silent.id())).isEqualTo(1);
            assertThat(dispatcher.freeSenders()).isGreaterThanOrEqualTo(settings.concurrency() - 2);
            endpoints.removeAll(ada);
            endpoints.removeAll(bea);
        }
    }

    @Test
    void a_claim_takes_no_more_than_its_limit_and_of_each_endpoint_its_oldest_events_that_its_leases_leave_room_for() {
        long trainer = jobs.sourceRows().trainerWithPayments("Cleo", "Claims", "cleo@example.com", 1);
        // due an hour from now: the running dispatcher, on the real clock, leaves them to this test
        Instant due = Instant.now().plus(Duration.ofHours(1));
        Instant now = due.plus(Duration.ofHours(1));
        Instant leaseUntil = now.plus(Duration.ofMinutes(1));
        Endpoint first = endpoints.register(trainer, "https://first.example.com/hook", "export.succeeded");
        Endpoint second = endpoints.register(trainer, "https://second.example.com/hook", "export.succeeded");
        endpoints.owed(first.id(), 5, due);
        endpoints.owed(second.id(), 5, due);
        // a claim is for every endpoint: those earlier tests left in a database that outlives them are put aside
        jdbc.sql("update export_webhook set disabled_at = now() where disabled_at is null and id not in (:ours)")
                .param("ours", List.of(first.id(), second.id()))
                .update();

        List<Due> onePerEndpoint = outbox.claim(now, leaseUntil, 1, 100);
        assertThat(onePerEndpoint).extracting(Due::webhookId).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(outbox.claim(now, leaseUntil, 1, 100)).isEmpty();

        List<Due> upToThree = outbox.claim(now, leaseUntil, 3, 100);
        assertThat(upToThree).hasSize(4);
        assertThat(upToThree)
                .filteredOn(claimed -> claimed.webhookId().equals(first.id()))
                .hasSize(2);

        assertThat(outbox.claim(now, leaseUntil, 100, 3)).hasSize(3);
        assertThat(outbox.claim(now, leaseUntil, 100, 100)).hasSize(1);
        // every lease ran out (their workers died): every event is due again, one of each endpoint first
        assertThat(outbox.claim(leaseUntil, leaseUntil.plus(Duration.ofMinutes(1)), 1, 100))
                .hasSize(2);
        endpoints.removeAll(trainer);
    }
}
