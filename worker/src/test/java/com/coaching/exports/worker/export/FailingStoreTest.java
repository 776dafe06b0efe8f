package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.dependency.Breakers;
import com.coaching.exports.worker.dependency.Dependency;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.WorkerTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A store that answers every request with an error, for real over HTTP: transient errors are
 * retried by the client, then the job waits in the queue for the store (its breaker open) until its
 * retry window is over; a refusal fails it at once.
 */
@WorkerTest
@Import(Jobs.class)
@DirtiesContext // its listener must not take the jobs of later tests
class FailingStoreTest {

    static final AtomicInteger status = new AtomicInteger(500);
    /** The paths the store was asked for; other tests' jobs (a lease swept late) may show up too. */
    static final Queue<String> requests = new ConcurrentLinkedQueue<>();

    static final HttpServer store = failingStore();

    @DynamicPropertySource
    static void pointTheWorkerAtIt(DynamicPropertyRegistry registry) {
        registry.add(
                "exports.storage.endpoint",
                () -> "http://127.0.0.1:" + store.getAddress().getPort());
        registry.add("exports.storage.access-key", () -> "key");
        registry.add("exports.storage.secret-key", () -> "secret");
        registry.add("exports.storage.path-style-access", () -> "true");
        registry.add("exports.storage.max-attempts", () -> "3");
        // an upload holds for the store this long before its job waits in the queue; an open breaker is probed this
        // often
        registry.add("exports.worker.breaker-hold", () -> "1s");
        registry.add("exports.worker.breaker-probe-interval", () -> "200ms");
    }

    @Autowired
    Jobs jobs;

    @Autowired
    ExportRunner runner;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Breakers breakers;

    long trainer;

    @BeforeEach
    void aTrainer() {
        trainer = new SourceRows(jdbc).trainer("Tess", "Trainer", "tess@example.com");
        requests.clear();
    }

    @AfterAll
    static void stopTheStore() {
        store.stop(0);
    }

    @Test
    void a_store_that_keeps_failing_puts_the_job_back_to_wait_instead_of_failing_it() {
        status.set(500);
        Instant before = Instant.now();

        ExportJob waiting = runToTheEnd(jobs.insertQueued(trainer, Dataset.TRAINEES, null));

        assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(waiting.error()).isNull();
        // full jitter: anything up to the first backoff, 5 s
        assertThat(waiting.retryAt()).isBetween(before, Instant.now().plusSeconds(5));
        assertThat(waiting.failingSince()).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
        assertThat(waiting.waits()).isEqualTo(1);
        assertThat(waiting.crashAttempts()).isZero();
        assertThat(lastReason(waiting)).isEqualTo("store unavailable");
        assertThat(breakers.of(Dependency.STORE).isOpen()).isTrue();
    }

    @Test
    void a_job_waiting_for_its_store_is_not_started_before_its_retry_time() {
        status.set(500);
        ExportJob waiting = runToTheEnd(jobs.insertQueued(trainer, Dataset.TRAINEES, null));
        jdbc.sql("update export_job set retry_at = now() + interval '1 hour' where id = :id")
                .param("id", waiting.id())
                .update();

        ExportJob early = runToTheEnd(waiting);

        assertThat(early.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(early.attempts()).isEqualTo(waiting.attempts());
    }

    @Test
    void a_job_whose_store_has_been_failing_longer_than_the_retry_window_fails_as_unavailable() {
        status.set(500);
        ExportJob job = jobs.insertQueued(trainer, Dataset.TRAINEES, null);
        jdbc.sql("update export_job set failing_since = now() - interval '61 minutes', waits = 9 where id = :id")
                .param("id", job.id())
                .update();

        ExportJob failed = runToTheEnd(job);

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobError.STORAGE_UNAVAILABLE);
        // the attempt's file is removed in case the store kept it; failing too, the removal is queued
        await().atMost(Duration.ofSeconds(10)).until(() -> removalRequestsFor(failed) >= 1);
    }

    @Test
    void a_store_that_refuses_access_fails_the_job_at_once() {
        status.set(403);
        // a store that answers, even with a refusal, is there: a breaker a failing test left open closes
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !breakers.of(Dependency.STORE).isOpen());

        ExportJob failed = runToTheEnd(jobs.insertQueued(trainer, Dataset.TRAINEES, null));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobError.STORAGE_REJECTED);
        assertThat(uploadRequestsFor(failed)).isEqualTo(1);
        assertThat(removalRequestsFor(failed)).isEqualTo(1);
        assertThat(breakers.of(Dependency.STORE).isOpen()).isFalse();
    }

    private String lastReason(ExportJob job) {
        return jdbc.sql("select reason from export_job_event where job_id = :id order by at desc, id desc limit 1")
                .param("id", job.id())
                .query(String.class)
                .single();
    }

    private static long uploadRequestsFor(ExportJob job) {
        return requests.stream()
                .filter(request -> !request.startsWith("DELETE ")
                        && request.contains(job.id().toString()))
                .count();
    }

    private static long removalRequestsFor(ExportJob job) {
        return requests.stream()
                .filter(request -> request.startsWith("DELETE ")
                        && request.contains(job.id().toString()))
                .count();
    }

    private ExportJob runToTheEnd(ExportJob job) {
        runner.run(job.id());
        return jobs.current(job.id());
    }

    private static HttpServer failingStore() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath());
                exchange.getRequestBody().readAllBytes();
                String code = status.get() == 403 ? "AccessDenied" : "InternalError";
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                                + "</Code><Message>injected</Message></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(status.get(), body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
