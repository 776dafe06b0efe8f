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
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.JobAudit;
import com.coaching.exports.testkit.JobAudit.Verdict;
import com.coaching.exports.testkit.ObjectKeys;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.testkit.WorkerProcess;
import com.coaching.exports.worker.WorkerApplication;
import com.coaching.exports.worker.support.Inbox;
import com.coaching.exports.worker.support.SourceRows;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The fault runs: the system (API and a worker, plus worker processes where a test kills one) runs on the
 * real PostgreSQL, broker, store and SMTP server, each behind a {@link FaultyTcpProxy}, and each test breaks
 * one of them for real: connections reset, or accepted and never answered. Every job must end once:
 * SUCCEEDED with exactly its one file (bytes and rows checked), or FAILED with a reason and no file; none
 * lost, none stuck.
 */
class FaultRunTest {

    static final int JOBS = 24;
    static final Duration LEASE_TIMEOUT = Duration.ofSeconds(4);
    /** The bound: every job ends within the lease timeout plus a minute once the service is back. */
    static final Duration ENDS_WITHIN = LEASE_TIMEOUT.plusSeconds(60);
    /** Rows of the bulk trainer: estimated over the bulk threshold (100,000), so the bulk lane runs them. */
    static final int BULK_ROWS = 300_000;

    static final String BULK = "{\"dataset\": \"payments\", \"days\": 30}";
    static final String SMALL = "{\"dataset\": \"payments\", \"days\": 30}";
    /** Arguments, as settings are defaults, which api.yml and worker.yml (ports 8080-8082) beat. */
    static FaultyServices services;

    static LocalStack stack;
    static JdbcClient direct;
    static JobAudit audit;
    static SourceRows rows;
    static long bulkTrainer;
    static Map<String, Object> settings;

    @BeforeAll
    static void start() {
        services = FaultyServices.start(Map.of());
        settings = new HashMap<>();
        // short leases, so a dead or cut-off worker's jobs come back within a test
        settings.put("exports.worker.heartbeat-interval", "1s");
        settings.put("exports.worker.lease-timeout", LEASE_TIMEOUT.toSeconds() + "s");
        settings.put("exports.jobs.max-active-per-trainer", 100);
        settings.put("exports.source.migrate", "true"); // the platform's tables, in every process of the stack
        settings.put("exports.mail.interval", "1s");
        // short waits, so an outage is seen within a test: a store try, a pooled connection, a silent broker
        settings.put("exports.storage.attempt-timeout", "5s");
        settings.put("exports.storage.max-attempts", "2");
        settings.put("spring.datasource.hikari.connection-timeout", "2000");
        settings.put("spring.rabbitmq.requested-heartbeat", "5s");
        settings.put("spring.rabbitmq.connection-timeout", "2s");
        stack = TestStack.start(settings, api -> Map.of(), services.arguments());
        Map<String, String> to = services.direct();
        direct = JdbcClient.create(new DriverManagerDataSource(
                to.get("spring.datasource.url"),
                to.get("spring.datasource.username"),
                to.getOrDefault("spring.datasource.password", "")));
        audit = JobAudit.direct(
                URI.create(to.get("exports.storage.endpoint")),
                to.getOrDefault("exports.storage.region", "us-east-1"),
                to.get("exports.storage.access-key"),
                to.get("exports.storage.secret-key"),
                to.getOrDefault("exports.storage.bucket", "exports"));
        rows = new SourceRows(direct);
        bulkTrainer = trainerWithPayments(rows, "Bea", "bea@example.com", BULK_ROWS);
    }

    /** A clean slate: a client stuck on a black-holed connection (no timeout) must not spoil the next test. */
    @AfterEach
    void restore() {
        services.restoreAll();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rows != null) {
            rows.removePaymentsOf(bulkTrainer);
        }
        if (audit != null) {
            audit.close();
        }
        if (stack != null) {
            stack.close();
        }
        services.close();
    }

    @Test
    void a_bulk_export_ends_once_when_postgresql_is_cut_while_it_runs_and_the_bulk_lane_takes_the_next_one() {
        ApiClient api = api(bulkTrainer);
        services.store().slowUploadsTo(3_000_000); // a few seconds of COPY, so the cut finds it running
        String id = submit(api, BULK);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var job = api.get("/api/v1/exports/" + id).json();
                    return job.get("status").asString().equals("RUNNING")
                            && job.get("progress").get("rowsWritten").asLong() > 0;
                });

        services.database().cut();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/exports/" + id).status() == 503);
        afterAnOutageTheJobEndsOnceAndTheBulkLaneRunsOn(api, id);
    }

    @Test
    void a_bulk_export_ends_once_when_postgresql_is_cut_the_moment_its_file_is_complete() {
        ApiClient api = api(bulkTrainer);
        AtomicBoolean cut = new AtomicBoolean();
        // CompleteMultipartUpload: the file is whole; the next step is writing the outcome
        services.store()
                .onRequest(
                        line -> line.startsWith("POST ")
                                && line.contains("uploadId=")
                                && line.contains("/exports/" + bulkTrainer + "/"),
                        () -> {
                            services.database().cut();
                            cut.set(true);
                        });
        String id = submit(api, BULK);
        await().atMost(Duration.ofSeconds(60)).untilTrue(cut);
        afterAnOutageTheJobEndsOnceAndTheBulkLaneRunsOn(api, id);
    }

    /**
     * Five seconds of the outage begun (past the pool's connection timeout: no outcome can be written),
     * then every service healed: the bulk job ends once, and the bulk lane runs the next one.
     */
    private static void afterAnOutageTheJobEndsOnceAndTheBulkLaneRunsOn(ApiClient api, String id) {
        outageOf(Duration.ofSeconds(5));
        services.healAll();

        // a success that could not be recorded is not turned into a failure: the job is taken back and runs again
        assertThat(awaitEnd(api, id, ENDS_WITHIN)).isEqualTo("SUCCEEDED");
        assertEndedOnce(api, bulkTrainer, id, Duration.ZERO);
        String next = submit(api, BULK);
        assertThat(awaitEnd(api, next, Duration.ofSeconds(60)))
                .as("the bulk lane's next job")
                .isEqualTo("SUCCEEDED");
        assertEndedOnce(api, bulkTrainer, next, Duration.ZERO);
    }

    @Test
    void an_export_is_accepted_within_a_second_while_the_broker_never_answers_and_runs_once_it_is_back()
            throws Exception {
        long trainer = trainerWithPayments(rows, "Bob", "bob@example.com", 300);
        ApiClient api = api(trainer);
        assertThat(awaitEnd(api, submit(api, SMALL), Duration.ofSeconds(30))).isEqualTo("SUCCEEDED"); // connected

        services.broker().blackHole();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            var response = CompletableFuture.supplyAsync(() -> api.post("/api/v1/exports", SMALL))
                    .get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(response.status()).as(response.toString()).isEqualTo(202);
            assertThat(took).as("POST %d with the broker black-holed", i).isLessThan(Duration.ofSeconds(1));
            ids.add(response.json().get("id").asString());
        }
        assertThat(ids).allSatisfy(id -> assertThat(status(api, id)).isEqualTo("QUEUED"));
        services.healAll();

        for (String id : ids) {
            assertThat(awaitEnd(api, id, ENDS_WITHIN)).isEqualTo("SUCCEEDED");
            assertEndedOnce(api, trainer, id, Duration.ZERO);
        }
    }

    @Test
    void a_store_that_never_answers_holds_the_export_which_succeeds_once_the_store_answers_again() {
        long trainer = trainerWithPayments(rows, "Sue", "sue@example.com", 300);
        ApiClient api = api(trainer);
        services.store().blackHole();
        String id = submit(api, SMALL);
        // two tries of 5 s each and a backoff, and more: the job waits for the store instead of failing
        outageOf(Duration.ofSeconds(15));
        assertThat(status(api, id)).isIn("QUEUED", "RUNNING");

        services.healAll();
        assertThat(awaitEnd(api, id, Duration.ofSeconds(60))).isEqualTo("SUCCEEDED");
        assertEndedOnce(api, trainer, id, Duration.ZERO);
    }

    @Test
    void exports_finish_and_leases_renew_while_the_mail_server_never_answers_and_the_mail_goes_out_later() {
        long trainer = trainerWithPayments(rows, "Meg", "meg@example.com", 300);
        ApiClient api = api(trainer);
        services.mail().blackHole();
        String notified = submit(api, "{\"dataset\": \"payments\", \"days\": 30, \"notify\": true}");
        assertThat(awaitEnd(api, notified, Duration.ofSeconds(30))).isEqualTo("SUCCEEDED");
        await().atMost(Duration.ofSeconds(10)).until(() -> services.mail().openConnections() > 0); // a send hangs

        // a bulk export longer than several lease timeouts, while the mail dispatcher is stuck in its send
        ApiClient bulk = api(bulkTrainer);
        services.store().slowUploadsTo(2_000_000);
        String longJob = submit(bulk, BULK);
        List<Duration> staleLeases = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<String, Object> row = direct.sql("""
                    select status, now() - heartbeat_at > make_interval(secs => :timeout) as stale,
                           extract(epoch from now() - heartbeat_at) as age
                      from export_job where id = :id""")
                            .param("timeout", LEASE_TIMEOUT.toSeconds())
                            .param("id", UUID.fromString(longJob))
                            .query()
                            .singleRow();
                    if ("RUNNING".equals(row.get("status")) && Boolean.TRUE.equals(row.get("stale"))) {
                        staleLeases.add(Duration.ofMillis((long) (((Number) row.get("age")).doubleValue() * 1000)));
                    }
                    return ended((String) row.get("status"));
                });
        assertThat(staleLeases)
                .as("lease ages past the timeout while the job ran")
                .isEmpty();
        assertThat(direct.sql("select attempts from export_job where id = :id")
                        .param("id", UUID.fromString(longJob))
                        .query(Integer.class)
                        .single())
                .as("attempts: the job was never taken back")
                .isEqualTo(1);
        assertThat(status(bulk, longJob)).isEqualTo("SUCCEEDED");
        assertEndedOnce(bulk, bulkTrainer, longJob, Duration.ZERO);

        services.healAll();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Inbox.of(rows.email("meg@example.com")).size() == 1);
    }

    @Test
    void a_job_deleted_while_its_file_is_stored_leaves_no_file_in_the_bucket() {
        long trainer = trainerWithPayments(rows, "Dan", "dan@example.com", 300);
        ApiClient api = api(trainer);
        AtomicReference<String> deleted = new AtomicReference<>();
        // the single PUT of a small file: the trainer deletes the job while its bytes are on their way
        String[] seen = new String[1];
        services.store()
                .onRequest(
                        line -> {
                            boolean match = line.startsWith("PUT ")
                                    && !line.contains("partNumber=")
                                    && line.contains("/exports/" + trainer + "/");
                            if (match) {
                                seen[0] = ObjectKeys.ownerIn(line)
                                        .map(ObjectKeys.Owner::job)
                                        .orElse(null);
                            }
                            return match;
                        },
                        () -> {
                            var response = api.delete("/api/v1/exports/" + seen[0]);
                            deleted.set(response.status() + " " + seen[0]);
                        });
        String id = submit(api, SMALL);
        await().atMost(Duration.ofSeconds(30)).until(() -> deleted.get() != null);
        assertThat(deleted.get()).isEqualTo("204 " + id);

        assertThat(api.get("/api/v1/exports/" + id).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(audit.files(trainer, id)).isEmpty());
    }

    @Test
    void no_job_is_lost_stuck_or_stored_twice_when_workers_die_and_connections_fail() throws Exception {
        Environment env = stack.api().getEnvironment();
        StorageProperties storage = stack.api().getBean(StorageProperties.class);
        long trainer = trainerWithPayments(rows, "Fay", "fay@example.com", 150000);
        try (FaultyTcpProxy store =
                        new FaultyTcpProxy(URI.create(services.direct().get("exports.storage.endpoint"))
                                .getPort());
                ConfigurableApplicationContext flakyWorker = flakyWorker(storage, store)) {
            WorkerProcess victim = WorkerProcess.start(
                    "victim", "256m", WorkerProcess.besideApi(env, storage), new File("target/victim.log"), false);
            try {
                ApiClient api = api(trainer);
                awaitVictimConsuming(api);

                List<String> ids = new ArrayList<>();
                boolean killed = false;
                for (int i = 0; i < JOBS; i++) {
                    ids.add(submit(api, mixed(i)));
                    // mid-export, from a third of the batch on: which worker gets which job is the broker's choice
                    if (!killed && i >= JOBS / 3 && runsALongJob("victim")) {
                        victim.kill();
                        killed = true;
                    }
                    if (i == JOBS / 2) {
                        stack.api().getBean(CachingConnectionFactory.class).resetConnection();
                        stack.worker().getBean(CachingConnectionFactory.class).resetConnection();
                    }
                    if (i == 2 * JOBS / 3) {
                        store.refuse();
                    }
                }
                if (!killed) {
                    awaitRunningOn("victim", Duration.ofSeconds(30));
                    victim.kill();
                }
                outageOf(Duration.ofSeconds(3));
                store.heal();

                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> ids.stream().allMatch(id -> ended(status(api, id))));
                // a failed attempt's file that the refusing store kept is removed once the store is back
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(ids.stream().map(id -> audit.judge(api, trainer, id)))
                                .allSatisfy(verdict -> assertThat(verdict.endedOnce())
                                        .as(verdict.toString())
                                        .isTrue()));
                List<Verdict> verdicts =
                        ids.stream().map(id -> audit.judge(api, trainer, id)).toList();
                System.out.println(score(verdicts));
                // ending once is not enough: a run in which every job failed ends each of them once too. A killed
                // worker's jobs are requeued, a dropped broker connection loses no message, and a store that
                // refuses for seconds makes the flaky worker's jobs wait for it: every job succeeds
                assertThat(verdicts)
                        .as(score(verdicts))
                        .allSatisfy(verdict -> assertThat(verdict.status()).isEqualTo("SUCCEEDED"));
            } finally {
                victim.kill();
                rows.removePaymentsOf(trainer);
            }
        }
    }

    /** A second worker in this JVM whose store traffic goes through a proxy of its own. */
    private static ConfigurableApplicationContext flakyWorker(StorageProperties storage, FaultyTcpProxy store) {
        Map<String, Object> flaky = new HashMap<>(Tokens.devSecrets());
        flaky.putAll(settings);
        flaky.put("exports.worker.id", "flaky");
        List<String> args = new ArrayList<>(List.of(TestStack.RANDOM_PORTS));
        args.addAll(FaultCases.storingThrough(services.arguments(), store));
        return WorkerApplication.application().properties(flaky).run(args.toArray(String[]::new));
    }

    private static ApiClient api(long trainer) {
        return new ApiClient(URI.create("http://localhost:" + stack.apiPort()), Tokens.trainer(trainer));
    }

    /** Jobs until the victim process has run one, so it is surely consuming (a JVM starts slowly on a busy machine). */
    private static void awaitVictimConsuming(ApiClient api) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String id = submit(api, mixed(1));
                    await().atMost(Duration.ofSeconds(20)).until(() -> ended(status(api, id)));
                    return "victim"
                            .equals(direct.sql("select worker_id from export_job where id = :id")
                                    .param("id", UUID.fromString(id))
                                    .query(String.class)
                                    .optional()
                                    .orElse(null));
                });
    }

    /** Whether the worker runs a payments export (a multipart upload, seconds long) now, or within a second. */
    private static boolean runsALongJob(String worker) {
        try {
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> direct.sql("""
                    select count(*) from export_job
                     where status = 'RUNNING' and worker_id = :worker and dataset = 'payments'""")
                                    .param("worker", worker)
                                    .query(Integer.class)
                                    .single()
                            > 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static void awaitRunningOn(String worker, Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        direct.sql("select count(*) from export_job where status = 'RUNNING' and worker_id = :worker")
                                        .param("worker", worker)
                                        .query(Integer.class)
                                        .single()
                                > 0);
    }

    private static String mixed(int i) {
        return switch (i % 3) {
            case 0 -> "{\"dataset\": \"payments\", \"days\": 365}";
            case 1 -> "{\"dataset\": \"trainees\"}";
            default -> "{\"dataset\": \"subscribers\"}";
        };
    }

    private static String awaitEnd(ApiClient api, String id, Duration atMost) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
                last.set(status(api, id));
                return ended(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "job " + id + " still " + last.get() + " after " + atMost + ": "
                            + direct.sql("select * from export_job where id = :id")
                                    .param("id", UUID.fromString(id))
                                    .query()
                                    .listOfRows(),
                    e);
        }
        return last.get();
    }

    /** The job ends within {@code atMost}: succeeded with its one right file, or failed with a reason and no file. */
    private static void assertEndedOnce(ApiClient api, long trainer, String id, Duration atMost) {
        awaitEnd(api, id, atMost.isZero() ? Duration.ofSeconds(1) : atMost);
        // a losing attempt removes its file just after the winner's outcome: give it a moment
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Verdict verdict = audit.judge(api, trainer, id);
            assertThat(verdict.endedOnce()).as(verdict.toString()).isTrue();
        });
    }

    private static String score(List<Verdict> verdicts) {
        long succeeded =
                verdicts.stream().filter(v -> "SUCCEEDED".equals(v.status())).count();
        long failed = verdicts.stream().filter(Verdict::failedWithReason).count();
        long lost = verdicts.stream().filter(v -> v.status() == null).count();
        long stuck =
                verdicts.stream().filter(v -> v.status() != null && !v.ended()).count();
        long duplicates = verdicts.stream().filter(v -> v.files() > 1).count();
        long wrong = verdicts.stream().filter(Verdict::wrongBytes).count();
        return "jobs: %d, succeeded: %d, failed-with-reason: %d, lost: %d, stuck: %d, duplicate files: %d, wrong bytes: %d"
                .formatted(verdicts.size(), succeeded, failed, lost, stuck, duplicates, wrong);
    }
}
