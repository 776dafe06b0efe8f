package com.coaching.exports.worker;

import static com.coaching.exports.testkit.Prometheus.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.testkit.Prometheus;
import com.coaching.exports.worker.export.JobOutcomes;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.WorkerTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The worker's one HTTP port: health for Kubernetes and the export metrics for Prometheus. */
@WorkerTest
@Import(Jobs.class)
class ManagementPortTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobTransitions transitions;

    @Autowired
    JobOutcomes outcomes;

    @Autowired
    OutboxRepository outboxes;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readiness_and_liveness_are_up_with_the_database_the_broker_and_the_store() {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        JsonNode ready = json(readiness);
        assertThat(ready.path("status").asString()).isEqualTo("UP");
        assertThat(ready.path("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "db", "rabbit", "store");

        JsonNode alive = json(get("/actuator/health/liveness"));
        assertThat(alive.path("status").asString()).isEqualTo("UP");
        assertThat(alive.path("components").propertyNames()).containsExactlyInAnyOrder("livenessState", "ping");
    }

    @Test
    void the_full_health_is_only_a_status_as_no_one_signs_in_to_a_worker_and_prometheus_is_open() {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("UP");
        assertThat(json(health).has("components")).as(health.body()).isFalse();
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheus_shows_a_finished_export_with_its_duration_rows_and_bytes() {
        String trainees = "dataset=\"trainees\"";
        String succeeded = "status=\"SUCCEEDED\"";
        String before = get("/actuator/prometheus").body();
        SourceRows rows = new SourceRows(jdbc);
        long trainer = rows.trainer("Mia", "Metrics", "mia@example.com");
        rows.trainee(trainer, "Ola", "One", "ola@example.com", true, Instant.parse("2026-01-02T03:04:05Z"));

        ExportJob job = jobs.queue(trainer, Dataset.TRAINEES, null);
        ExportJob done = jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = get("/actuator/prometheus").body();
            assertThat(value(after, "exports_jobs_finished_total", trainees, succeeded))
                    .isEqualTo(value(before, "exports_jobs_finished_total", trainees, succeeded) + 1);
            assertThat(value(after, "exports_export_duration_seconds_count", trainees, succeeded))
                    .isEqualTo(value(before, "exports_export_duration_seconds_count", trainees, succeeded) + 1);
            assertThat(value(after, "exports_export_rows_sum", trainees))
                    .isEqualTo(value(before, "exports_export_rows_sum", trainees)
                            + done.result().rowCount());
            assertThat(value(after, "exports_export_bytes_sum", trainees))
                    .isEqualTo(value(before, "exports_export_bytes_sum", trainees)
                            + done.result().sizeBytes());
            assertThat(after).contains("exports_export_duration_seconds_bucket{");
        });
    }

    @Test
    void prometheus_shows_the_store_and_both_databases_reachable() {
        String scrape = get("/actuator/prometheus").body();

        for (String dependency : new String[] {"store", "source", "database"}) {
            assertThat(Prometheus.sample(scrape, "exports_dependency_up", "dependency=\"" + dependency + "\""))
                    .as(dependency)
                    .contains(1.0);
        }
    }

    @Test
    void prometheus_shows_every_event_counter_from_the_start_so_alerts_read_zero_rather_than_nothing() {
        String scrape = get("/actuator/prometheus").body();

        for (String outcome : new String[] {"delivered", "failed", "error", "refused"}) {
            assertThat(Prometheus.sample(scrape, "exports_webhook_deliveries_total", "outcome=\"" + outcome + "\""))
                    .as(outcome)
                    .isPresent();
        }
        for (String kind : new String[] {"object", "upload"}) {
            assertThat(Prometheus.sample(scrape, "exports_orphan_files_removed_total", "kind=\"" + kind + "\""))
                    .as(kind)
                    .isPresent();
        }
        for (Dataset dataset : Dataset.values()) {
            String tag = "dataset=\"" + dataset.id() + "\"";
            assertThat(Prometheus.sample(scrape, "exports_jobs_retried_total", tag))
                    .as(tag)
                    .isPresent();
            for (String reason : new String[] {"store unavailable", "database unavailable"}) {
                assertThat(Prometheus.sample(scrape, "exports_jobs_deferred_total", tag, "reason=\"" + reason + "\""))
                        .as(tag + " " + reason)
                        .isPresent();
            }
        }
    }

    @Test
    void prometheus_shows_the_messages_the_broker_has_not_confirmed_and_the_mails_not_sent() {
        String scrape = get("/actuator/prometheus").body();
        double outbox = Prometheus.sample(scrape, "exports_outbox_messages").orElseThrow();
        double mail = Prometheus.sample(scrape, "exports_mail_unsent").orElseThrow();
        long trainer = new SourceRows(jdbc).trainer("Bea", "Backlog", "bea@example.com");
        ExportJob job = jobs.insertQueued(trainer, Dataset.SUBSCRIBERS, null);
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        // both due in an hour: no sender takes them while the gauges are read
        outboxes.addDueAt(job.id(), Instant.now(), inAnHour);
        jdbc.sql("""
                insert into export_mail (job_id, outcome, recipient, created_at, next_attempt_at)
                values (:id, 'SUCCEEDED', 'bea@example.com', now(), now() + interval '1 hour')""").param("id", job.id()).update();
        try {
            // the gauges read the tables every few seconds
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                String later = get("/actuator/prometheus").body();
                assertThat(Prometheus.sample(later, "exports_outbox_messages")).contains(outbox + 1);
                assertThat(Prometheus.sample(later, "exports_mail_unsent")).contains(mail + 1);
            });
        } finally {
            jdbc.sql("delete from export_job where id = :id")
                    .param("id", job.id())
                    .update();
        }
    }

    @Test
    void prometheus_counts_a_requeued_job() {
        String subscribers = "dataset=\"subscribers\"";
        double before = value(get("/actuator/prometheus").body(), "exports_jobs_retried_total", subscribers);
        long trainer = new SourceRows(jdbc).trainer("Rita", "Retry", "rita@example.com");
        ExportJob job = jobs.insertQueued(trainer, Dataset.SUBSCRIBERS, null);
        jobs.claimedBy(job, "a-worker-that-stops");

        assertThat(outcomes.requeue(job, Holder.of("a-worker-that-stops", 1), "worker stopping"))
                .isEqualTo(Settled.MOVED);

        assertThat(value(get("/actuator/prometheus").body(), "exports_jobs_retried_total", subscribers))
                .isEqualTo(before + 1);
        jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);
    }

    @Test
    void prometheus_counts_a_cancelled_export_as_finished() {
        String[] cancelled = {"dataset=\"subscribers\"", "status=\"CANCELLED\""};
        double before = value(get("/actuator/prometheus").body(), "exports_jobs_finished_total", cancelled);
        long trainer = new SourceRows(jdbc).trainer("Cara", "Cancel", "cara@example.com");
        ExportJob job = jobs.insertQueued(trainer, Dataset.SUBSCRIBERS, null);
        jobs.claimedBy(job, "a-worker-told-to-stop");

        transitions.requestCancel(job.id());

        assertThat(outcomes.cancel(job, Holder.of("a-worker-told-to-stop", 1))).isTrue();

        assertThat(jobs.current(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(value(get("/actuator/prometheus").body(), "exports_jobs_finished_total", cancelled))
                .isEqualTo(before + 1);
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.builder().build().readTree(response.body());
    }
}
