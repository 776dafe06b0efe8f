package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.TestClock;
import com.coaching.exports.worker.support.WorkerTest;
import com.coaching.exports.worker.webhook.Endpoints.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What an endpoint cannot make the sender do: wait past the timeout for an answer, follow a redirect
 * elsewhere, or read an answer's body without end.
 */
@WorkerTest
@DirtiesContext // its dispatcher stops with its class (see WorkerTest)
@Import({Jobs.class, Endpoints.class, TestClock.Config.class})
@TestPropertySource(
        properties = {
            "exports.webhooks.allow-http=true",
            "exports.webhooks.allow-private-networks=true",
            "exports.webhooks.interval=200ms",
            "exports.webhooks.timeout=1s",
            "exports.webhooks.connect-timeout=1s",
            // a retry's wait passes by moving the worker's clock, never by sleeping
            "exports.webhooks.retry-delays=1m,1m,1m"
        })
class WebhookAnswerLimitsTest {

    static final Duration SOON = Duration.ofSeconds(15);

    @Autowired
    Jobs jobs;

    @Autowired
    Endpoints endpoints;

    @Autowired
    TestClock clock;

    Receiver receiver;
    Receiver elsewhere;
    long trainer;

    @BeforeEach
    void aTrainerWithPayments() throws Exception {
        receiver = new Receiver();
        elsewhere = new Receiver();
        trainer = jobs.sourceRows().trainerWithPayments("Lia", "Limits", "lia@example.com", 3);
    }

    @AfterEach
    void stopTheEndpoints() {
        endpoints.removeAll(trainer);
        receiver.close();
        elsewhere.close();
        clock.reset();
    }

    @Test
    void an_endpoint_that_never_answers_is_given_up_at_the_timeout_and_tried_again() {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded");
        receiver.answering(Receiver.HANG);

        succeededExport();

        List<Map<String, Object>> attempts = awaitAttempts(endpoint, 2);
        assertThat(attempts.get(0).get("status_code")).isNull();
        assertThat(attempts.get(0).get("error")).asString().startsWith("timeout: no answer within 1 s");
        assertThat(attempts.get(1).get("status_code")).isEqualTo(200);
    }

    @Test
    void a_redirect_is_a_failed_try_and_is_not_followed() throws Exception {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded");
        receiver.answering(Receiver.REDIRECT).redirectingTo(elsewhere.url());

        succeededExport();

        assertThat(awaitAttempts(endpoint, 2))
                .extracting(attempt -> attempt.get("status_code"))
                .containsExactly(302, 200);
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void an_answer_whose_body_does_not_end_is_read_no_further_than_its_first_4_kib() {
        Endpoint endpoint = endpoints.register(trainer, receiver.url(), "export.succeeded");
        receiver.answering(Receiver.ENDLESS);

        succeededExport();

        // reading on would wait for the trickle, and the 1 s timeout would cut it off as a failed try
        assertThat(awaitAttempts(endpoint, 1)).singleElement().satisfies(attempt -> {
            assertThat(attempt.get("status_code")).isEqualTo(200);
            assertThat(attempt.get("error")).isNull();
        });
        await().atMost(SOON)
                .until(() -> endpoints.deliveries(endpoint.id()).get(0).get("delivered_at") != null);
    }

    private void succeededExport() {
        jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);
    }

    private List<Map<String, Object>> awaitAttempts(Endpoint endpoint, int count) {
        await().atMost(SOON).until(() -> {
            int recorded = endpoints.attempts(endpoint.id()).size();
            if (recorded > 0 && recorded < count) {
                clock.move(WebhookDeliveryTest.RETRY_DELAY_AND_JITTER); // the failed try's retry is due
            }
            return recorded >= count;
        });
        return endpoints.attempts(endpoint.id());
    }
}
