package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.WorkerTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
 * retried with backoff and then fail the job; a refusal fails it at once.
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
    }

    @Autowired
    Jobs jobs;

    @Autowired
    ExportRunner runner;

    @Autowired
    JdbcClient jdbc;

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
    void a_store_that_keeps_failing_is_tried_again_then_the_job_fails_as_unavailable() {
        status.set(500);

        ExportJob failed = runToTheEnd(jobs.insertQueued(trainer, Dataset.TRAINEES, null));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobError.STORAGE_UNAVAILABLE);
        assertThat(uploadRequestsFor(failed)).isEqualTo(3);
        // the attempt's file is removed in case the store kept it; failing too, the removal is queued
        assertThat(removalRequestsFor(failed)).isEqualTo(3);
    }

    @Test
    void a_store_that_refuses_access_fails_the_job_at_once() {
        status.set(403);

        ExportJob failed = runToTheEnd(jobs.insertQueued(trainer, Dataset.TRAINEES, null));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(JobError.STORAGE_REJECTED);
        assertThat(uploadRequestsFor(failed)).isEqualTo(1);
        assertThat(removalRequestsFor(failed)).isEqualTo(1);
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
