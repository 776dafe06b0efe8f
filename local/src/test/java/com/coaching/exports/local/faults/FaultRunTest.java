package com.coaching.exports.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.api.support.ApiClient;
import com.coaching.exports.api.support.Tokens;
import com.coaching.exports.local.LocalStack;
import com.coaching.exports.local.WorkerProcess;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.worker.WorkerApplication;
import com.coaching.exports.worker.support.SourceRows;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The fault run: a batch of exports while a worker process is killed (SIGKILL), the broker
 * connections are dropped and the store fails for a while. Every job must end SUCCEEDED with
 * exactly one file, or FAILED with a reason: none lost, none stuck, no second file.
 */
class FaultRunTest {

    static final int JOBS = 24;
    static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    /** Short leases, so the killed worker's jobs come back within the run. */
    static final Map<String, Object> FAST_LEASES = Map.of(
            "exports.worker.heartbeat-interval", "1s",
            "exports.worker.lease-timeout", "4s");
    /** Arguments, as settings are defaults, which api.yml and worker.yml (ports 8080-8082) beat. */
    static final String[] RANDOM_PORTS = {"--server.port=0", "--management.server.port=0"};

    @Test
    void no_job_is_lost_stuck_or_stored_twice_when_workers_die_and_connections_fail() throws Exception {
        Map<String, Object> settings = new HashMap<>(FAST_LEASES);
        settings.put("exports.jwt.secret", Tokens.SECRET);
        settings.put("exports.links.secret", Tokens.LINK_SECRET);
        settings.put(Tokens.ALLOW_DEV_SECRETS, true);
        settings.put("exports.api.max-active-jobs", JOBS);
        try (LocalStack stack = LocalStack.start(settings, RANDOM_PORTS)) {
            Environment env = stack.api().getEnvironment();
            StorageProperties storage = stack.api().getBean(StorageProperties.class);
            try (FaultyTcpProxy store = new FaultyTcpProxy(storage.endpoint().getPort());
                    ConfigurableApplicationContext flakyWorker = flakyWorker(settings, storage, store)) {
                Process victim = WorkerProcess.start("victim", "256m", env, storage);
                try {
                    JdbcClient jdbc = stack.api().getBean(JdbcClient.class);
                    long trainer = trainerWithData(jdbc);
                    ApiClient api = new ApiClient(URI.create("http://localhost:" + stack.apiPort()), Tokens.trainer(trainer));
                    awaitVictimConsuming(jdbc, api);

                    List<String> ids = new ArrayList<>();
                    boolean killed = false;
                    for (int i = 0; i < JOBS; i++) {
                        ids.add(submit(api, i));
                        // mid-export, from a third of the batch on: which worker gets which job is the broker's choice
                        if (!killed && i >= JOBS / 3 && runsALongJob(jdbc, "victim")) {
                            victim.destroyForcibly().waitFor();
                            killed = true;
                        }
                        if (i == JOBS / 2) {
                            stack.api().getBean(CachingConnectionFactory.class).resetConnection();
                            stack.worker().getBean(CachingConnectionFactory.class).resetConnection();
                        }
                        if (i == 2 * JOBS / 3) {
                            store.failing(true);
                        }
                    }
                    if (!killed) {
                        awaitRunningOn(jdbc, "victim", Duration.ofSeconds(30));
                        victim.destroyForcibly().waitFor();
                    }
                    Thread.sleep(3000);
                    store.failing(false);

                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                            .until(() -> ids.stream().allMatch(id -> FINAL.contains(status(api, id))));
                    Score score = score(api, ids, stack.api().getBean(S3Client.class), storage.bucket(), trainer);
                    System.out.println(score);
                    assertThat(score.lost()).isZero();
                    assertThat(score.stuck()).isZero();
                    assertThat(score.duplicateFiles()).isZero();
                    assertThat(score.succeeded() + score.failedWithReason()).isEqualTo(JOBS);
                    new SourceRows(jdbc).removePaymentsOf(trainer);
                } finally {
                    victim.destroyForcibly();
                }
            }
        }
    }

    /** A second worker in this JVM whose store traffic goes through the faulty proxy. */
    private static ConfigurableApplicationContext flakyWorker(Map<String, Object> settings, StorageProperties storage,
            FaultyTcpProxy store) {
        Map<String, Object> flaky = new HashMap<>(settings);
        flaky.put("exports.worker.id", "flaky");
        flaky.put("exports.storage.endpoint", "http://127.0.0.1:" + store.port());
        flaky.put("exports.storage.access-key", storage.accessKey());
        flaky.put("exports.storage.secret-key", storage.secretKey());
        flaky.put("exports.storage.path-style-access", "true");
        flaky.put("exports.storage.max-attempts", "2");
        return WorkerApplication.application().properties(flaky).run(RANDOM_PORTS);
    }

    private static long trainerWithData(JdbcClient jdbc) {
        SourceRows rows = new SourceRows(jdbc);
        long trainer = rows.trainer("Fay", "Fault", "fay@example.com");
        long trainee = rows.trainee(trainer, "Tim", "Test", "tim@example.com", true, Instant.now());
        rows.manyPayments(trainer, trainee, 150000, "Row ");
        return trainer;
    }

    /** Jobs until the victim process has run one, so it is surely consuming. */
    private static void awaitVictimConsuming(JdbcClient jdbc, ApiClient api) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String id = submit(api, 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> FINAL.contains(status(api, id)));
            return "victim".equals(jdbc.sql("select worker_id from export_job where id = :id")
                    .param("id", UUID.fromString(id)).query(String.class).optional().orElse(null));
        });
    }

    /** Whether the worker runs a payments export (a multipart upload, seconds long) now, or within a second. */
    private static boolean runsALongJob(JdbcClient jdbc, String worker) {
        try {
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql("""
                    select count(*) from export_job
                     where status = 'RUNNING' and worker_id = :worker and dataset = 'payments'""")
                    .param("worker", worker).query(Integer.class).single() > 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static void awaitRunningOn(JdbcClient jdbc, String worker, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql(
                "select count(*) from export_job where status = 'RUNNING' and worker_id = :worker")
                .param("worker", worker).query(Integer.class).single() > 0);
    }

    private static String submit(ApiClient api, int i) {
        String body = switch (i % 3) {
            case 0 -> "{\"dataset\": \"payments\", \"days\": 365}";
            case 1 -> "{\"dataset\": \"trainees\"}";
            default -> "{\"dataset\": \"subscribers\"}";
        };
        var response = api.post("/api/v1/exports", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().get("id").asString();
    }

    private static String status(ApiClient api, String id) {
        return api.get("/api/v1/exports/" + id).json().get("status").asString();
    }

    private static Score score(ApiClient api, List<String> ids, S3Client s3, String bucket, long trainer) {
        int succeeded = 0;
        int failed = 0;
        int stuck = 0;
        int lost = 0;
        int duplicates = 0;
        for (String id : ids) {
            var response = api.get("/api/v1/exports/" + id);
            if (response.status() == 404) {
                lost++;
                continue;
            }
            var job = response.json();
            List<S3Object> files = s3.listObjectsV2(list -> list.bucket(bucket)
                    .prefix("exports/" + trainer + "/" + id + "/")).contents().stream()
                    .filter(o -> !o.key().endsWith("/")).toList();
            switch (job.get("status").asString()) {
                case "SUCCEEDED" -> {
                    succeeded++;
                    boolean oneRightFile = files.size() == 1
                            && files.get(0).size() == job.get("result").get("sizeBytes").asLong();
                    duplicates += oneRightFile ? 0 : 1;
                }
                case "FAILED" -> {
                    failed += job.has("error") && !job.get("error").get("code").asString().isBlank() ? 1 : 0;
                    duplicates += files.isEmpty() ? 0 : 1;
                }
                default -> stuck++;
            }
        }
        return new Score(ids.size(), succeeded, failed, lost, duplicates, stuck);
    }

    record Score(int jobs, int succeeded, int failedWithReason, int lost, int duplicateFiles, int stuck) {
        @Override
        public String toString() {
            return "jobs: %d, succeeded: %d, failed-with-reason: %d, lost: %d, duplicate files: %d, stuck: %d"
                    .formatted(jobs, succeeded, failedWithReason, lost, duplicateFiles, stuck);
        }
    }
}
