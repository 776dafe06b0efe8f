package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.WorkerTest;
import com.coaching.exports.worker.webhook.Endpoints.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * With private networks not allowed (the default), an endpoint on loopback gets nothing: its host is
 * resolved at send time, the address refused before any connection, and the try recorded as refused.
 */
@WorkerTest
@DirtiesContext // its dispatcher stops with its class (see WorkerTest)
@Import({Jobs.class, Endpoints.class})
@TestPropertySource(properties = {"exports.webhooks.allow-http=true", "exports.webhooks.interval=200ms"})
class PrivateNetworkTest {

    @Autowired
    Jobs jobs;

    @Autowired
    Endpoints endpoints;

    @Test
    void an_endpoint_on_loopback_receives_nothing_and_its_try_is_recorded_as_refused() throws Exception {
        try (Receiver receiver = new Receiver()) {
            long trainer = jobs.sourceRows().trainerWithPayments("Tess", "Trainer", "tess@example.com", 1);
            // a name, not an address: what is refused is where it resolves to when sent
            Endpoint endpoint =
                    endpoints.register(trainer, receiver.url().replace("127.0.0.1", "localhost"), "export.succeeded");

            jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !endpoints.attempts(endpoint.id()).isEmpty());
            List<Map<String, Object>> attempts = endpoints.attempts(endpoint.id());
            assertThat(attempts.get(0).get("status_code")).isNull();
            // what the trainer sees says it was refused, never what the name resolved to
            assertThat((String) attempts.get(0).get("error"))
                    .isEqualTo("refused: localhost resolves to an address webhooks may not reach")
                    .doesNotContain("127.0.0.1");
            assertThat(endpoints.deliveries(endpoint.id()).get(0).get("delivered_at"))
                    .isNull();
            assertThat(receiver.received()).isEmpty();
            endpoints.removeAll(trainer);
        }
    }
}
