package com.coaching.exports.local.faults;

import static com.coaching.exports.local.faults.FaultCases.ended;
import static com.coaching.exports.local.faults.FaultCases.outageOf;
import static com.coaching.exports.local.faults.FaultCases.status;
import static com.coaching.exports.local.faults.FaultCases.submit;
import static com.coaching.exports.local.faults.FaultCases.trainerWithPayments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.embedded.faults.FaultyServices;
import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.local.LocalStack;
import com.coaching.exports.local.TestStack;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.JobAudit;
import com.coaching.exports.testkit.JobAudit.Verdict;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.worker.WorkerApplication;
import com.coaching.exports.worker.support.Inbox;
import com.coaching.exports.worker.support.SourceRows;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A blip waits (issue 22): the store or the platform's database goes away for a minute while exports
 * run and are asked for, and every job still succeeds, with its one whole file, once it is back; the
 * API stays ready throughout. Only an outage longer than the retry window fails a job, with the
 * dependency's code and one failure mail. Every service is real, behind a {@link FaultyTcpProxy}; the
 * platform's rows live in a database of their own (as a read replica would be), reached through a
 * proxy of its own, so the source can be cut alone.
 */
class DependencyOutageTest {

    /** The outage: longer than any client retry, shorter than the retry window. */
    static final Duration OUTAGE = Duration.ofSeconds(60);
    /** A bulk export, uploading in many parts when the store goes away. */
    static final int BULK_ROWS = 1_000_000;

    static final String EXPORT = "{\"dataset\": \"payments\", \"days\": 30}";
    static final Pattern JDBC_HOST_PORT = Pattern.compile("^jdbc:postgresql://([^:/?]+)(?::(\\d+))?/.*$");
    static final String PLATFORM_DB =
            "exports_outage_platform_" + UUID.randomUUID().toString().substring(0, 8);

    static FaultyServices services;
    /** Between the worker and the platform's rows (the source), apart from the service's own database. */
    static FaultyTcpProxy source;

    static LocalStack stack;
    static Map<String, Object> settings;
    /** Where every process of the test reads the platform's rows: the source proxy. */
    static List<String> sourceArguments;

    static JdbcClient direct;
    static String server;
    static JobAudit audit;
    static SourceRows rows;
    static long bulkTrainer;

    @BeforeAll
    static void start() throws Exception {
        services = FaultyServices.start(Map.of());
        Map<String, String> to = services.direct();
        Matcher database = JDBC_HOST_PORT.matcher(to.get("spring.datasource.url"));
        assertThat(database.matches()).isTrue();
        String host = database.group(1);
        int port = database.group(2) == null ? 5432 : Integer.parseInt(database.group(2));
        server = "jdbc:postgresql://" + host + ":" + port + "/";
        direct = JdbcClient.create(new DriverManagerDataSource(
                to.get("spring.datasource.url"),
                to.get("spring.datasource.username"),
                to.getOrDefault("spring.datasource.password", "")));
        direct.sql("create database " + PLATFORM_DB).update();
        source = new FaultyTcpProxy("source", host, port);
        settings = new HashMap<>();
        settings.put("exports.jobs.max-active-per-trainer", 100);
        settings.put("exports.source.migrate", "true");
        settings.put("exports.mail.interval", "1s");
        // an outage is seen soon and its end too: short client retries, probes every second, short waits in the queue
        settings.put("exports.storage.attempt-timeout", "5s");
        settings.put("exports.storage.max-attempts", "2");
        settings.put("exports.worker.breaker-probe-interval", "1s");
        settings.put("exports.worker.retry-backoff-first", "1s");
        settings.put("exports.worker.retry-backoff-max", "3s");
        settings.put("exports.outbox.sweep-interval", "1s");
        settings.put("exports.outbox.grace", "1s");
        settings.put("exports.source.datasource.connection-timeout", "2s");
        sourceArguments = List.of(
                "--exports.source.datasource.url=jdbc:postgresql://127.0.0.1:" + source.port() + "/" + PLATFORM_DB,
                "--exports.source.datasource.username=" + to.get("spring.datasource.username"),
                "--exports.source.datasource.password=" + to.getOrDefault("spring.datasource.password", ""));
        List<String> args = new ArrayList<>(List.of(services.arguments()));
        args.addAll(sourceArguments);
        stack = TestStack.start(settings, api -> Map.of(), args.toArray(String[]::new));
        audit = JobAudit.direct(
                URI.create(to.get("exports.storage.endpoint")),
                to.getOrDefault("exports.storage.region", "us-east-1"),
                to.get("exports.storage.access-key"),
                to.get("exports.storage.secret-key"),
                to.getOrDefault("exports.storage.bucket", "exports"));
        rows = new SourceRows(JdbcClient.create(new DriverManagerDataSource(
                server + PLATFORM_DB,
                to.get("spring.datasource.username"),
                to.getOrDefault("spring.datasource.password", ""))));
        bulkTrainer = trainerWithPayments(rows, "Bea", "bea-outage@example.com", BULK_ROWS);
    }

    @AfterEach
    void heal() {
        services.restoreAll();
        source.heal();
    }

    @AfterAll
    static void stop() throws Exception {
        if (audit != null) {
            audit.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (source != null) {
            source.close();
        }
        if (direct != null) {
            direct.sql("drop database if exists " + PLATFORM_DB + " with (force)")
                    .update();
        }
        services.close();
    }

    @Test
    void
            a_store_refused_for_a_minute_delays_a_bulk_export_and_four_small_ones_and_all_succeed_while_the_api_stays_ready() {
        long trainer = trainerWithPayments(rows, "Sam", "sam-outage@example.com", 300);
        ApiClient small = api(trainer);
        ApiClient bulk = api(bulkTrainer);
        services.store().slowUploadsTo(20_000_000); // seconds of upload, so the cut finds it part way
        String bulkJob = submit(bulk, EXPORT);
        awaitRowsWritten(bulk, bulkJob);

        List<Integer> readiness = new CopyOnWriteArrayList<>();
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        probe.scheduleAtFixedRate(() -> readiness.add(readyz()), 0, 1, TimeUnit.SECONDS);
        List<String> smallJobs = new ArrayList<>();
        try {
            services.store().cut();
            for (int i = 0; i < 4; i++) {
                smallJobs.add(submit(small, EXPORT));
            }
            for (String id : smallJobs) { // nothing fails while the store is away
                assertThat(status(small, id)).isIn("QUEUED", "RUNNING");
            }
            outageOf(OUTAGE);
            assertThat(status(bulk, bulkJob)).isIn("QUEUED", "RUNNING");
            services.store().heal();
        } finally {
            probe.shutdownNow();
        }

        assertThat(readiness)
                .as("the API's readiness each second of the outage")
                .containsOnly(200);
        assertThat(readiness.size()).isGreaterThanOrEqualTo((int) OUTAGE.toSeconds() - 2);
        assertSucceededOnce(bulk, bulkTrainer, bulkJob, Duration.ofSeconds(120));
        for (String id : smallJobs) {
            assertSucceededOnce(small, trainer, id, Duration.ofSeconds(60));
        }
    }

    @Test
    void the_platforms_database_cut_for_a_minute_delays_exports_and_all_succeed_once_it_is_back() {
        long trainer = trainerWithPayments(rows, "Sid", "sid-outage@example.com", 300);
        ApiClient small = api(trainer);
        ApiClient bulk = api(bulkTrainer);
        services.store().slowUploadsTo(20_000_000);
        String bulkJob = submit(bulk, EXPORT);
        List<String> smallJobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            smallJobs.add(submit(small, EXPORT));
        }
        awaitRowsWritten(bulk, bulkJob);

        source.cut();
        outageOf(OUTAGE);
        assertThat(status(bulk, bulkJob)).as("waiting, not failed").isIn("QUEUED", "RUNNING");
        source.heal();

        assertSucceededOnce(bulk, bulkTrainer, bulkJob, Duration.ofSeconds(120));
        for (String id : smallJobs) {
            assertSucceededOnce(small, trainer, id, Duration.ofSeconds(60));
        }
        assertThat(reasons(bulk, bulkJob)).contains("database unavailable");
    }

    @Test
    void a_store_refused_for_longer_than_the_retry_window_fails_the_export_with_storage_unavailable_and_one_mail()
            throws Exception {
        long trainer = trainerWithPayments(rows, "Una", "una-outage@example.com", 300);
        ApiClient api = api(trainer);
        RabbitListenerEndpointRegistry consumers = stack.worker().getBean(RabbitListenerEndpointRegistry.class);
        consumers.stop(); // only the impatient worker takes jobs
        try (FaultyTcpProxy store =
                        new FaultyTcpProxy(URI.create(services.direct().get("exports.storage.endpoint"))
                                .getPort());
                ConfigurableApplicationContext impatient = impatientWorker(store)) {
            store.cut();

            String id = submit(api, "{\"dataset\": \"payments\", \"days\": 30, \"notify\": true}");

            assertThat(awaitEnd(api, id, Duration.ofSeconds(60))).isEqualTo("FAILED");
            JsonNode job = api.get("/api/v1/exports/" + id).json();
            assertThat(job.get("error").get("code").asString()).isEqualTo(JobError.STORAGE_UNAVAILABLE);
            assertThat(reasons(api, id)).contains("store unavailable");
            String email = rows.email("una-outage@example.com");
            await().atMost(Duration.ofSeconds(30)).until(() -> Inbox.of(email).size() == 1);
            assertThat(Inbox.of(email).get(0).subject()).containsIgnoringCase("fail");
        } finally {
            consumers.start();
        }
    }

    /** A worker whose retry window is seconds long, storing through {@code store}. */
    private static ConfigurableApplicationContext impatientWorker(FaultyTcpProxy store) {
        Map<String, Object> impatient = new HashMap<>(Tokens.devSecrets());
        impatient.putAll(settings);
        impatient.put("exports.worker.id", "impatient");
        impatient.put("exports.worker.retry-for", "6s");
        impatient.put("exports.worker.breaker-hold", "1s");
        List<String> args = new ArrayList<>(List.of(TestStack.RANDOM_PORTS));
        args.addAll(FaultCases.storingThrough(services.arguments(), store));
        args.addAll(sourceArguments);
        return WorkerApplication.application().properties(impatient).run(args.toArray(String[]::new));
    }

    private static int readyz() {
        return new ApiClient(URI.create("http://localhost:" + stack.apiPort()), null)
                .unchecked()
                .get("/readyz")
                .status();
    }

    private static void awaitRowsWritten(ApiClient api, String id) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode job = api.get("/api/v1/exports/" + id).json();
                    return job.get("status").asString().equals("RUNNING")
                            && job.get("progress").get("rowsWritten").asLong() > 0;
                });
    }

    private static List<String> reasons(ApiClient api, String id) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode move : api.get("/api/v1/exports/" + id).json().get("history")) {
            reasons.add(move.get("reason").isNull() ? null : move.get("reason").asString());
        }
        return reasons;
    }

    private static ApiClient api(long trainer) {
        return new ApiClient(URI.create("http://localhost:" + stack.apiPort()), Tokens.trainer(trainer));
    }

    private static String awaitEnd(ApiClient api, String id, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> ended(status(api, id)));
        return status(api, id);
    }

    /** SUCCEEDED with exactly its one file, whose bytes and rows are right. */
    private static void assertSucceededOnce(ApiClient api, long trainer, String id, Duration atMost) {
        assertThat(awaitEnd(api, id, atMost)).as(id).isEqualTo("SUCCEEDED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Verdict verdict = audit.judge(api, trainer, id);
            assertThat(verdict.endedOnce()).as(verdict.toString()).isTrue();
        });
    }
}
