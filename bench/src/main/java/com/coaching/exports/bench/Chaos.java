package com.coaching.exports.bench;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.embedded.faults.FaultyServices;
import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.JobAudit;
import com.coaching.exports.testkit.JobAudit.Verdict;
import com.coaching.exports.testkit.ObjectKeys;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.testkit.WorkerProcess;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chaos run (./bench/chaos [--minutes N]): the API (on the embedded stand-ins unless configured, as the
 * run command) and two worker processes, each backing service behind a {@link FaultyTcpProxy}. For N minutes
 * it requests small and bulk exports, cancels and deletes some, and meanwhile cuts PostgreSQL, black-holes the
 * broker, the store or SMTP, refuses the store's connections, or SIGKILLs a worker (and starts another), one
 * fault at a time for a few seconds. Then it heals everything, waits for every job to end and judges each:
 * every succeeded file downloaded and checked against its sha256 and row count, the bucket listed for
 * duplicate and orphan files. The last line is the verdict; the exit status is 1 unless its zeros are zeros.
 */
public final class Chaos {

    static final Set<String> ACTIVE = Set.of("QUEUED", "RUNNING");
    static final Duration LEASE_TIMEOUT = Duration.ofSeconds(10);
    /** After the load: for every job to end (the bound is lease timeout + a minute), and some room. */
    static final Duration SETTLE = LEASE_TIMEOUT.plusMinutes(2);

    static final int SMALL_TRAINERS = 4;
    static final int SMALL_ROWS = 300;
    static final int BULK_ROWS = 200_000;
    static final String[] RANDOM_PORTS = {"--server.port=0", "--management.server.port=0"};

    private final FaultyServices services;
    private final ConfigurableApplicationContext api;
    private final JdbcClient direct;
    private final JobAudit audit;
    private final Map<String, String> workerSettings;
    private final WorkerProcess[] workers = new WorkerProcess[2];
    private final int[] generation = new int[2];
    private final List<Long> smallTrainers = new ArrayList<>();
    private long bulkTrainer;
    /** Job id → trainer, for every job the API accepted. */
    private final Map<String, Long> jobs = new ConcurrentHashMap<>();

    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> faults = new TreeMap<>();
    private final Map<Long, ApiClient> clients = new ConcurrentHashMap<>();
    private int refusedRequests;
    private int slowPosts;

    private Chaos(FaultyServices services, ConfigurableApplicationContext api) {
        this.services = services;
        this.api = api;
        Map<String, String> to = services.direct();
        this.direct = JdbcClient.create(new DriverManagerDataSource(
                to.get("spring.datasource.url"),
                to.get("spring.datasource.username"),
                to.getOrDefault("spring.datasource.password", "")));
        this.audit = JobAudit.direct(
                URI.create(to.get("exports.storage.endpoint")),
                to.getOrDefault("exports.storage.region", "us-east-1"),
                to.get("exports.storage.access-key"),
                to.get("exports.storage.secret-key"),
                to.getOrDefault("exports.storage.bucket", "exports"));
        this.workerSettings = new LinkedHashMap<>(services.settings());
        workerSettings.putAll(Map.of(
                "exports.links.secret",
                Tokens.LINK_SECRET,
                Tokens.ALLOW_DEV_SECRETS,
                "true",
                "exports.worker.heartbeat-interval",
                "2s",
                "exports.worker.lease-timeout",
                LEASE_TIMEOUT.toSeconds() + "s",
                "exports.mail.interval",
                "2s",
                "logging.level.root",
                "WARN",
                "logging.level.com.coaching.exports",
                "INFO"));
        // a job that waits for a dependency comes back within a minute, not the production five, once all is healed
        workerSettings.put("exports.worker.retry-backoff-max", "1m");
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length == 2 && args[0].equals("--minutes") ? Integer.parseInt(args[1]) : 10;
        Map<String, Object> settings = new HashMap<>(Tokens.devSecrets());
        settings.put("exports.api.max-active-jobs", 10_000);
        settings.put("exports.source.migrate", "true"); // the demo's platform tables, as the workers have them
        settings.put("exports.worker.lease-timeout", LEASE_TIMEOUT.toSeconds() + "s");
        settings.put("logging.level.root", "WARN");
        int status;
        try (FaultyServices services = FaultyServices.start(settings);
                ConfigurableApplicationContext api = ApiApplication.application()
                        .properties(settings)
                        .run(Stream.concat(Stream.of(RANDOM_PORTS), Stream.of(services.arguments()))
                                .toArray(String[]::new))) {
            status = new Chaos(services, api).run(Duration.ofMinutes(minutes));
        } catch (Exception e) {
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    private int run(Duration load) throws Exception {
        BenchData data = new BenchData(direct);
        bulkTrainer = data.trainerWithPayments("chaos-bulk@example.com", BULK_ROWS);
        for (int i = 0; i < SMALL_TRAINERS; i++) {
            smallTrainers.add(data.trainerWithPayments("chaos-small-" + i + "@example.com", SMALL_ROWS));
        }
        try {
            for (int i = 0; i < workers.length; i++) {
                startWorker(i);
            }
            for (int i = 0; i < workers.length; i++) {
                awaitStarted(i); // a JVM may take minutes to start on a busy machine: the load waits for both
            }
            long end = System.nanoTime() + load.toNanos();
            Thread loader = new Thread(() -> load(end), "chaos-load");
            loader.start();
            injectFaults(end);
            loader.join();

            services.restoreAll();
            for (int i = 0; i < workers.length; i++) {
                if (!workers[i].isAlive()) {
                    startWorker(i);
                }
            }
            log(
                    "load over: %d jobs accepted, %d deleted, %d requests refused, %d POSTs over a second; faults %s",
                    jobs.size(), deleted.size(), refusedRequests, slowPosts, faults);
            awaitEnd();
            return judge();
        } finally {
            for (WorkerProcess worker : workers) {
                if (worker != null) {
                    worker.close();
                }
            }
        }
    }

    /** Small exports about every second, a bulk one about every 15 s; a tenth cancelled, one in 15 deleted. */
    private void load(long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Runnable> later = new ArrayList<>();
        long nextBulk = System.nanoTime();
        while (System.nanoTime() < end) {
            boolean bulk = System.nanoTime() >= nextBulk;
            long trainer = bulk ? bulkTrainer : smallTrainers.get(random.nextInt(smallTrainers.size()));
            String body = bulk
                    ? "{\"dataset\": \"payments\", \"days\": 365}"
                    : switch (random.nextInt(4)) {
                        case 0 -> "{\"dataset\": \"trainees\"}";
                        case 1 -> "{\"dataset\": \"subscribers\", \"notify\": true}";
                        case 2 -> "{\"dataset\": \"payments\", \"days\": 365, \"compression\": \"gzip\"}";
                        default -> "{\"dataset\": \"payments\", \"days\": 365, \"notify\": true}";
                    };
            if (bulk) {
                nextBulk = System.nanoTime()
                        + Duration.ofSeconds(10 + random.nextInt(10)).toNanos();
            }
            String id = submit(trainer, body);
            if (id != null) {
                int fate = random.nextInt(30);
                if (fate < 3) {
                    later.add(() -> client(trainer).post("/api/v1/exports/" + id + "/cancel", ""));
                } else if (fate < 5) {
                    later.add(() -> {
                        if (client(trainer).delete("/api/v1/exports/" + id).status() == 204) {
                            deleted.add(id);
                        }
                    });
                }
            }
            pause(Duration.ofMillis(400 + random.nextInt(1200)));
            // the cancels and deletes come a moment later, while their jobs may run
            if (!later.isEmpty() && random.nextBoolean()) {
                try {
                    later.remove(0).run();
                } catch (RuntimeException e) {
                    log("request failed: %s", e);
                }
            }
        }
    }

    private String submit(long trainer, String body) {
        try {
            long started = System.nanoTime();
            ApiClient.Response response = client(trainer).post("/api/v1/exports", body);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(Duration.ofSeconds(1)) > 0) {
                slowPosts++;
                log("POST answered %d after %d ms", response.status(), took.toMillis());
            }
            if (response.status() == 202) {
                String id = response.json().get("id").asString();
                jobs.put(id, trainer);
                return id;
            }
            synchronized (this) {
                refusedRequests++; // 503 while the database is cut: nothing was created
            }
        } catch (RuntimeException e) {
            log("POST failed: %s", e);
        }
        return null;
    }

    /**
     * One fault at a time, 3-15 s long, 5-15 s apart, until the load ends: each kind once in a shuffled round,
     * then another round. Two of them strike at an exact moment: as the store receives a file's last request,
     * PostgreSQL is cut, or the job deleted.
     */
    private void injectFaults(long end) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Integer> round = new ArrayList<>();
        pause(Duration.ofSeconds(5));
        while (System.nanoTime() < end) {
            if (round.isEmpty()) {
                round.addAll(List.of(0, 1, 2, 3, 4, 5, 6, 7));
                Collections.shuffle(round);
            }
            Duration length = Duration.ofSeconds(3 + random.nextInt(13));
            String fault = switch (round.remove(0)) {
                case 0 -> hold(services.database(), "postgres cut", FaultyTcpProxy::cut, length);
                case 1 -> hold(services.broker(), "broker black-holed", FaultyTcpProxy::blackHole, length);
                case 2 -> hold(services.store(), "store black-holed", FaultyTcpProxy::blackHole, length);
                case 3 -> hold(services.store(), "store refusing", FaultyTcpProxy::refuse, length);
                case 4 -> hold(services.mail(), "smtp black-holed", FaultyTcpProxy::blackHole, length);
                case 5 ->
                    atFileEnd("postgres cut as a file completes", line -> {
                        services.database().cut();
                        pause(length);
                        services.database().heal();
                    });
                case 6 ->
                    atFileEnd("job deleted as its file completes", line -> {
                        ObjectKeys.ownerIn(line)
                                .filter(owner -> client(owner.trainer())
                                                .delete("/api/v1/exports/" + owner.job())
                                                .status()
                                        == 204)
                                .ifPresent(owner -> deleted.add(owner.job()));
                    });
                default -> killWorker(random.nextInt(workers.length));
            };
            faults.merge(fault, 1, Integer::sum);
            pause(Duration.ofSeconds(5 + random.nextInt(11)));
        }
    }

    /**
     * Runs {@code action} on the store's proxy thread as a file's last request arrives (a single PUT, or
     * CompleteMultipartUpload), before the store sees it; gives up after 30 s.
     */
    private String atFileEnd(String fault, Consumer<String> action) {
        log("fault: %s (armed)", fault);
        CountDownLatch fired = new CountDownLatch(1);
        AtomicReference<String> request = new AtomicReference<>();
        services.store()
                .onRequest(
                        line -> {
                            boolean last = (line.startsWith("PUT ") && !line.contains("partNumber="))
                                    || (line.startsWith("POST ") && line.contains("uploadId="));
                            if (last) {
                                request.set(line);
                            }
                            return last;
                        },
                        () -> {
                            fired.countDown();
                            action.accept(request.get());
                        });
        try {
            if (!fired.await(30, TimeUnit.SECONDS)) {
                services.store().disarm();
                return fault + " (not fired)";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fault;
    }

    private static String hold(FaultyTcpProxy proxy, String fault, Consumer<FaultyTcpProxy> how, Duration length) {
        log("fault: %s for %d s", fault, length.toSeconds());
        how.accept(proxy);
        pause(length);
        proxy.heal(); // black-holed connections stay dead: only a client's own timeout ends them
        return fault;
    }

    private String killWorker(int i) throws Exception {
        log("fault: SIGKILL worker %d (chaos-worker-%d-%d)", i, i + 1, generation[i]);
        workers[i].kill();
        startWorker(i);
        return "worker killed";
    }

    private void startWorker(int i) throws Exception {
        generation[i]++;
        File dir = new File("bench/target");
        dir.mkdirs();
        workers[i] = WorkerProcess.start(workerName(i), "256m", workerSettings, log(i), false);
    }

    private String workerName(int i) {
        return "chaos-worker-" + (i + 1) + "-" + generation[i];
    }

    private File log(int i) {
        return new File("bench/target", workerName(i) + ".log");
    }

    /** Until worker {@code i}'s log says it started (five minutes at most). */
    private void awaitStarted(int i) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log(i).toPath(), StandardCharsets.UTF_8).contains("Started WorkerApplication")) {
                log("%s started", workerName(i));
                return;
            }
            pause(Duration.ofSeconds(1));
        }
        throw new IllegalStateException(workerName(i) + " did not start within five minutes: see " + log(i));
    }

    /** Until no job is QUEUED or RUNNING, or {@link #SETTLE} has passed. */
    private void awaitEnd() {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int active;
        do {
            pause(Duration.ofSeconds(2));
            active = activeJobs().size();
        } while (active > 0 && System.nanoTime() < deadline);
        log("waited for the jobs to end: %d still active", active);
    }

    private List<String> activeJobs() {
        List<String> active = new ArrayList<>();
        for (Map.Entry<String, String> job : statuses().entrySet()) {
            if (ACTIVE.contains(job.getValue())) {
                active.add(job.getKey());
            }
        }
        return active;
    }

    private Map<String, String> statuses() {
        Map<String, String> statuses = new HashMap<>();
        direct.sql("select id::text, status from export_job where trainer_id in (:trainers)")
                .param("trainers", trainers())
                .query((rs, n) -> statuses.put(rs.getString(1), rs.getString(2)))
                .list();
        return statuses;
    }

    private List<Long> trainers() {
        List<Long> trainers = new ArrayList<>(smallTrainers);
        trainers.add(bulkTrainer);
        return trainers;
    }

    private int judge() {
        int succeeded = 0;
        int retried = 0;
        int failed = 0;
        int cancelled = 0;
        int lost = 0;
        int stuck = 0;
        int duplicates = 0;
        int wrong = 0;
        Map<String, Integer> errors = new TreeMap<>();
        Map<String, Verdict> verdicts = new HashMap<>();
        for (Map.Entry<String, Long> job : jobs.entrySet()) {
            if (deleted.contains(job.getKey())) {
                continue;
            }
            Verdict verdict = audit.judge(client(job.getValue()), job.getValue(), job.getKey());
            verdicts.put(job.getKey(), verdict);
            String status = verdict.status() == null ? "GONE" : verdict.status();
            switch (status) {
                case "SUCCEEDED" -> {
                    succeeded++;
                    retried += verdict.waited() ? 1 : 0;
                    duplicates += Math.max(0, verdict.files() - 1);
                    if (verdict.wrongBytes() || verdict.files() == 0) {
                        wrong++;
                        log("wrong bytes: %s", verdict);
                    }
                }
                case "FAILED" -> {
                    if (verdict.failedWithReason()) {
                        failed++;
                        errors.merge(verdict.errorCode(), 1, Integer::sum);
                    } else {
                        lost++;
                        log("lost (failed without a reason): %s", verdict);
                    }
                }
                case "CANCELLED" -> cancelled++;
                case "QUEUED", "RUNNING" -> {
                    stuck++;
                    log("stuck: %s %s", verdict, row(job.getKey()));
                }
                default -> {
                    lost++;
                    log("lost (the API no longer knows it): %s", verdict);
                }
            }
        }
        int orphans = orphans(verdicts);
        log("failed by code: %s; deleted by the load: %d", errors, deleted.size());
        System.out.printf(
                "jobs: %d, succeeded: %d, retried: %d, failed-with-reason: %d, cancelled: %d, lost: %d, stuck: %d, "
                        + "duplicate files: %d, orphan files: %d, wrong bytes: %d%n",
                verdicts.size(), succeeded, retried, failed, cancelled, lost, stuck, duplicates, orphans, wrong);
        return lost + stuck + duplicates + orphans + wrong == 0 ? 0 : 1;
    }

    /**
     * Objects of this run's trainers that no succeeded job serves: a deleted, failed or cancelled job's, or a
     * job's nobody knows. Removing them may take a sweep (a minute at most is waited for).
     */
    private int orphans(Map<String, Verdict> verdicts) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<String> orphans;
        while (true) {
            orphans = new ArrayList<>();
            for (long trainer : trainers()) {
                for (String key : audit.keys("exports/" + trainer + "/")) {
                    Verdict owner = ObjectKeys.ownerIn(key)
                            .map(named -> verdicts.get(named.job()))
                            .orElse(null);
                    if (owner == null || !"SUCCEEDED".equals(owner.status())) {
                        orphans.add(key);
                    }
                }
            }
            if (orphans.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            pause(Duration.ofSeconds(5));
        }
        Collections.sort(orphans);
        orphans.forEach(key -> log("orphan file: %s (job %s)", key, ownerOf(key)));
        return orphans.size();
    }

    private String ownerOf(String key) {
        return ObjectKeys.ownerIn(key)
                .map(owner -> deleted.contains(owner.job()) ? "deleted by the load" : String.valueOf(row(owner.job())))
                .orElse("?");
    }

    private Map<String, Object> row(String id) {
        return direct.sql("""
                select status, attempts, worker_id, error_code, error_message, heartbeat_at
                  from export_job where id = :id""").param("id", UUID.fromString(id)).query().listOfRows().stream()
                .findFirst()
                .orElse(Map.of());
    }

    private ApiClient client(long trainer) {
        return clients.computeIfAbsent(
                trainer,
                t -> new ApiClient(
                        URI.create("http://localhost:" + api.getEnvironment().getProperty("local.server.port")),
                        Tokens.trainer(t)));
    }

    @SuppressWarnings("AnnotateFormatMethod") // every format is a literal in this file; no dependency for @FormatMethod
    private static void log(String format, Object... args) {
        System.err.printf("%tT %s%n", System.currentTimeMillis(), format.formatted(args));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
