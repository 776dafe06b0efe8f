package com.coaching.exports.local.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.local.LocalStack;
import com.coaching.exports.local.TestStack;
import com.coaching.exports.local.tracing.OtlpReceiver.ReceivedSpan;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.shared.tracing.TracingSwitch;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.testkit.WorkerProcess;
import com.coaching.exports.worker.support.SourceRows;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * One trace per export, across the queue: the API (Boot's OTLP endpoint setting) and a worker in a
 * process of its own ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, here as its system property) send their spans
 * to a collector in this test, over OTLP/HTTP.
 */
class TracingTest {

    /** Rows of about 430 bytes: a file of two 5 MB parts and a short third. */
    static final int ROWS = 25_000;

    static final String PART_SIZE = "5MB"; // the smallest S3 takes
    static final long PART_BYTES = 5L * 1024 * 1024;

    static final File WORKER_LOG = new File("target/tracing-worker.log");

    @Test
    void an_exports_spans_in_the_api_and_the_worker_share_one_trace_that_the_job_and_the_workers_log_name()
            throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start();
                LocalStack stack = TestStack.start(
                        Map.of(
                                TracingSwitch.ENDPOINT,
                                collector.tracesUrl(),
                                "management.opentelemetry.tracing.export.schedule-delay",
                                "100ms"),
                        // the stack's own worker takes no jobs: the worker process runs this one
                        api -> Map.of("spring.rabbitmq.listener.simple.auto-startup", "false"))) {
            JdbcClient jdbc = stack.api().getBean(JdbcClient.class);
            SourceRows rows = new SourceRows(jdbc);
            long trainer = rows.trainer("Tia", "Tracer", "tia@example.com");
            long trainee = rows.trainee(trainer, "Tom", "Lee", "tom-tracing@example.com", true, Instant.now());
            rows.manyPayments(trainer, trainee, ROWS, "x".repeat(300) + " row ");
            Map<String, String> workerSettings = WorkerProcess.besideApi(
                    stack.api().getEnvironment(), stack.api().getBean(StorageProperties.class));
            workerSettings.put("otel.exporter.otlp.endpoint", collector.baseUrl());
            workerSettings.put("management.opentelemetry.tracing.export.schedule-delay", "100ms");
            workerSettings.put("exports.storage.part-size", PART_SIZE);
            try (WorkerProcess worker =
                    WorkerProcess.start("tracing-worker", "256m", workerSettings, WORKER_LOG, false)) {
                ApiClient api =
                        new ApiClient(URI.create("http://localhost:" + stack.apiPort()), Tokens.trainer(trainer));

                JsonNode accepted = api.post("/api/v1/exports", "{\"dataset\": \"payments\", \"days\": 30}")
                        .json();
                String id = accepted.get("id").asString();
                String traceId = accepted.get("traceId").asString();
                // a worker process starts in seconds on an idle machine, in minutes on a loaded one
                JsonNode job = await().atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(250))
                        .until(
                                () -> api.get("/api/v1/exports/" + id).json(),
                                current -> !Set.of("QUEUED", "RUNNING")
                                        .contains(current.get("status").asString()));

                assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
                assertThat(traceId).matches("[0-9a-f]{32}");
                assertThat(job.get("traceId").asString()).isEqualTo(traceId);

                List<ReceivedSpan> trace = await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> inTrace(collector, traceId),
                                spans -> names(spans, "exports-worker").contains("export succeed"));
                assertThat(names(trace, "exports-api")).contains("http post /api/v1/exports", "export publish");
                assertThat(names(trace, "exports-worker"))
                        .contains("export receive", "export claim", "export copy", "export succeed");
                List<ReceivedSpan> parts = trace.stream()
                        .filter(span -> span.name().equals("export upload part"))
                        .toList();
                long sizeBytes = job.get("result").get("sizeBytes").asLong();
                long partCount = (sizeBytes + PART_BYTES - 1) / PART_BYTES;
                assertThat(partCount).isGreaterThan(1);
                assertThat(parts)
                        .extracting(span -> span.tags().get("exports.part"))
                        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, partCount)
                                .mapToObj(Long::toString)
                                .toList());
                assertThat(parts).allSatisfy(part -> assertThat(part.service()).isEqualTo("exports-worker"));
                // each message carried its publish's context (the outbox sweeper publishes again a job that waited
                // for a worker longer than republish-after, from the traceparent stored with the job): every
                // receive hangs under a publish of the API, and one of them ran the export
                List<String> publishes = named(trace, "export publish").stream()
                        .map(ReceivedSpan::spanId)
                        .toList();
                assertThat(named(trace, "export receive"))
                        .isNotEmpty()
                        .allSatisfy(receive -> assertThat(publishes).contains(receive.parentSpanId()))
                        .allSatisfy(receive -> assertThat(receive.tags()).containsEntry("exports.job", id));
                assertThat(named(trace, "export succeed")).hasSize(1);

                List<String> workerLinesOfTheJob =
                        Files.readAllLines(WORKER_LOG.toPath(), StandardCharsets.UTF_8).stream()
                                .filter(line -> line.contains("job=" + id))
                                .toList();
                assertThat(workerLinesOfTheJob)
                        .anySatisfy(line -> assertThat(line).contains("job succeeded"))
                        .allSatisfy(line -> assertThat(line).contains(traceId));
            } finally {
                rows.removePaymentsOf(trainer);
            }
        }
    }

    private static List<ReceivedSpan> inTrace(OtlpReceiver collector, String traceId) {
        return collector.spans().stream()
                .filter(span -> span.traceId().equals(traceId))
                .toList();
    }

    private static List<String> names(List<ReceivedSpan> spans, String service) {
        return spans.stream()
                .filter(span -> service.equals(span.service()))
                .map(ReceivedSpan::name)
                .toList();
    }

    private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(span -> span.name().equals(name)).toList();
    }
}
