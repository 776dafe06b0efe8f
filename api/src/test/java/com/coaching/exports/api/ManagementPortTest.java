package com.coaching.exports.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.Prometheus;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Health and metrics on the API's management port; the public port serves only the probes. */
class ManagementPortTest {

    @Nested
    @ApiTest
    class WhenAllIsWell {

        @Value("${local.server.port}")
        int port;

        @LocalManagementPort
        int managementPort;

        @Autowired
        StorageProperties storage;

        ApiClient management;
        ApiClient publicPort;

        @BeforeEach
        void clients() {
            management = new ApiClient(URI.create("http://localhost:" + managementPort), null);
            publicPort = ApiClient.onPort(port, null);
        }

        @Test
        void readiness_and_liveness_are_up_with_their_components() {
            assertThat(managementPort).isNotEqualTo(port);

            Response readiness = management.get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
            assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
            // not rabbit: while the broker is away the API still takes requests into the outbox
            assertThat(readiness.json().path("components").propertyNames())
                    .containsExactlyInAnyOrder("readinessState", "db");
            Response liveness = management.get("/actuator/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.json().path("components").propertyNames())
                    .containsExactlyInAnyOrder("livenessState", "ping");
        }

        @Test
        void the_full_health_names_the_database_the_broker_and_the_stores_bucket_to_an_operator() {
            ApiClient operator = new ApiClient(
                    URI.create("http://localhost:" + managementPort),
                    Tokens.withRole(Tokens.newTrainerId(), "OPERATOR"));

            // awaited: on a loaded machine the store's 2 s check, or the broker after a context restart, may lag
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Response response = operator.get("/actuator/health");
                JsonNode health = response.json();
                assertThat(health.path("status").asString()).as(response.body()).isEqualTo("UP");
                assertThat(health.path("components").propertyNames()).contains("db", "rabbit", "store");
                assertThat(health.path("components")
                                .path("store")
                                .path("details")
                                .path("bucket")
                                .asString())
                        .isEqualTo(storage.bucket());
            });
        }

        @Test
        void the_full_health_is_only_a_status_without_an_operators_token_and_prometheus_needs_none() {
            for (ApiClient caller : new ApiClient[] {
                management,
                new ApiClient(URI.create("http://localhost:" + managementPort), Tokens.trainer(Tokens.newTrainerId()))
            }) {
                Response health = caller.get("/actuator/health");
                assertThat(health.json().path("status").asString())
                        .as(health.body())
                        .isIn("UP", "DOWN");
                assertThat(health.json().has("components")).as(health.body()).isFalse();
                assertThat(health.json().has("details")).as(health.body()).isFalse();
            }

            Response prometheus = management.get("/actuator/prometheus");
            assertThat(prometheus.status()).isEqualTo(200);
            assertThat(prometheus.body()).contains("exports_jobs_queued");
        }

        @Test
        void the_public_port_answers_the_probes_but_serves_no_actuator() {
            assertThat(publicPort.get("/readyz").json().path("status").asString())
                    .isEqualTo("UP");
            assertThat(publicPort.get("/livez").json().path("status").asString())
                    .isEqualTo("UP");
            assertThat(publicPort
                            .get("/readyz")
                            .json()
                            .path("components")
                            .path("store")
                            .has("details"))
                    .isFalse();

            Response prometheus = publicPort.get("/actuator/prometheus");
            assertThat(prometheus.status()).isEqualTo(404);
            assertThat(prometheus.body()).doesNotContain("exports_jobs");
        }

        @Test
        void prometheus_counts_a_created_job_and_sees_it_queued() {
            double before = Prometheus.value(
                    management.get("/actuator/prometheus").body(),
                    "exports_jobs_requested_total",
                    "dataset=\"trainees\"");
            ApiClient trainer = ApiClient.newTrainerOnPort(port);

            assertThat(trainer.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                            .status())
                    .isEqualTo(202);

            String scrape = management.get("/actuator/prometheus").body();
            assertThat(Prometheus.value(scrape, "exports_jobs_requested_total", "dataset=\"trainees\""))
                    .isEqualTo(before + 1);
            // no worker runs beside these tests: the job waits (the gauges read the table every few seconds)
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                String later = management.get("/actuator/prometheus").body();
                assertThat(Prometheus.sample(later, "exports_jobs_queued", "dataset=\"trainees\""))
                        .hasValueSatisfying(queued -> assertThat(queued).isGreaterThanOrEqualTo(1));
                // this job waits (so do the other tests' trainees jobs): once the gauges are read again
                // (every few seconds), the oldest has waited at least a second; a missing series or NaN fails
                assertThat(Prometheus.sample(later, "exports_jobs_queued_oldest_age_seconds", "dataset=\"trainees\""))
                        .hasValueSatisfying(age -> assertThat(age).isGreaterThanOrEqualTo(1.0));
            });
        }

        @Test
        void prometheus_counts_a_queued_job_cancelled_by_its_trainer_as_finished() {
            String[] cancelled = {"dataset=\"subscribers\"", "status=\"CANCELLED\""};
            double before = Prometheus.value(
                    management.get("/actuator/prometheus").body(), "exports_jobs_finished_total", cancelled);
            ApiClient trainer = ApiClient.newTrainerOnPort(port);
            String id = trainer.post("/api/v1/exports", "{\"dataset\": \"subscribers\"}")
                    .json()
                    .get("id")
                    .asString();

            assertThat(trainer.post("/api/v1/exports/" + id + "/cancel", "")
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("CANCELLED");

            assertThat(Prometheus.value(
                            management.get("/actuator/prometheus").body(), "exports_jobs_finished_total", cancelled))
                    .isEqualTo(before + 1);
        }
    }

    @Nested
    @ApiTest
    @TestPropertySource(
            properties = {
                "exports.storage.endpoint=http://127.0.0.1:1",
                "exports.storage.access-key=nobody",
                "exports.storage.secret-key=nothing",
                "exports.storage.path-style-access=true"
            })
    @DirtiesContext
    class WhenTheStoreIsDown {

        @LocalManagementPort
        int managementPort;

        @org.springframework.boot.test.web.server.LocalServerPort
        int port;

        @Test
        void the_store_is_down_with_the_reason_and_the_api_stays_ready_and_takes_exports() {
            ApiClient management = new ApiClient(URI.create("http://localhost:" + managementPort), null);
            ApiClient operator = new ApiClient(
                    URI.create("http://localhost:" + managementPort),
                    Tokens.withRole(Tokens.newTrainerId(), "OPERATOR"));

            JsonNode store =
                    operator.get("/actuator/health").json().path("components").path("store");
            assertThat(store.path("status").asString()).isEqualTo("DOWN");
            assertThat(store.path("details").path("error").asString()).isNotBlank();
            // exports wait for the store in the worker: creating, polling and listing them goes on
            Response readiness = management.get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
            assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
            ApiClient trainer = ApiClient.newTrainerOnPort(port);
            Response created = trainer.post("/api/v1/exports", "{\"dataset\": \"trainees\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            String id = created.json().path("id").asString();
            assertThat(trainer.get("/api/v1/exports/" + id).status()).isEqualTo(200);
            assertThat(trainer.get("/api/v1/exports").json().path("items").size())
                    .isEqualTo(1);
        }
    }
}
