package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.testkit.WorkerProcess;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.WorkerTest;
import com.coaching.exports.worker.webhook.Endpoints.Endpoint;
import com.coaching.exports.worker.webhook.Receiver.Received;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A worker killed while it sends an event: once its lease runs out another worker sends the event
 * again with the same webhook-id, and the endpoint accepts it exactly once.
 */
@WorkerTest
@DirtiesContext // its dispatcher stops with its class (see WorkerTest)
@Import({Jobs.class, Endpoints.class})
@TestPropertySource(
        properties = {
            "exports.webhooks.allow-http=true",
            "exports.webhooks.allow-private-networks=true",
            // this worker sends only when the test says so: the worker in its own JVM takes the event first
            "exports.webhooks.interval=1h",
            "exports.webhooks.lease=3s"
        })
class SenderKilledTest {

    @Autowired
    Jobs jobs;

    @Autowired
    Endpoints endpoints;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    Environment environment;

    @Autowired
    StorageProperties storage;

    @Test
    void an_event_whose_sender_was_killed_is_sent_again_with_its_webhook_id_and_accepted_once() throws Exception {
        try (Receiver receiver = new Receiver().answering(Receiver.HANG)) {
            long trainer = jobs.sourceRows().trainerWithPayments("Tess", "Trainer", "tess@example.com", 1);
            Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded");
            Map<String, String> settings = WorkerProcess.besideApi(environment, storage);
            settings.put("exports.webhooks.allow-http", "true");
            settings.put("exports.webhooks.allow-private-networks", "true");
            settings.put("exports.webhooks.interval", "200ms");
            settings.put("exports.webhooks.lease", "3s");
            try (WorkerProcess sender = WorkerProcess.start(
                    "webhook-sender", "256m", settings, new File("target/webhook-sender.log"), false)) {
                jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> receiver.received().size() == 1);

                sender.kill();
            }

            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        dispatcher.dispatch();
                        return receiver.received().size() == 2;
                    });
            List<Received> tries = receiver.received();
            assertThat(tries.get(1).header("webhook-id")).isEqualTo(tries.get(0).header("webhook-id"));
            assertThat(tries).extracting(Received::answered).containsExactly(Receiver.HANG, 200);
            tries.get(1).verify(endpoint.secret());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> endpoints.deliveries(endpoint.id()).get(0).get("delivered_at") != null);
            assertThat(endpoints.deliveries(endpoint.id())).hasSize(1);
            // the killed worker recorded nothing: the one try on record is the one that arrived
            assertThat(endpoints.attempts(endpoint.id()))
                    .extracting(row -> row.get("status_code"))
                    .containsExactly(200);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> {
                dispatcher.dispatch();
                return receiver.received().size() == 2;
            });
            endpoints.removeAll(trainer);
        }
    }
}
