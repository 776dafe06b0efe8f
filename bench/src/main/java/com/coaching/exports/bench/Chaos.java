package com.coaching.exports.bench;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.embedded.faults.FaultyServices;
import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.testkit.JobAudit;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chaos run (./bench/chaos [--minutes N]): the API (on the embedded stand-ins unless configured, as the
 * run command) and two worker processes, each backing service behind a {@link FaultyTcpProxy}. For N minutes
 * it requests small and bulk exports, cancels and deletes some ({@link ChaosLoad}), and meanwhile cuts
 * PostgreSQL, black-holes the broker, the store or SMTP, refuses the store's connections, or SIGKILLs a worker
 * (and starts another), one fault at a time for a few seconds ({@link ChaosFaults}). Then it heals everything,
 * waits for every job to end and judges each ({@link ChaosJudge}): every succeeded file downloaded and checked
 * against its sha256 and row count, the bucket listed for duplicate and orphan files. The last line is the
 * verdict; the exit status is 1 unless its zeros are zeros.
 */
public final class Chaos {

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

    private Chaos(FaultyServices services, ConfigurableApplicationContext api) {
        this.services = services;
        this.api = api;
        Map<String, String> to = services.direct();
        this.direct = JdbcClient.create(new DriverManagerDataSource(
                required(to, "spring.datasource.url"),
                required(to, "spring.datasource.username"),
                to.getOrDefault("spring.datasource.password", "")));
        this.audit = JobAudit.direct(
                URI.create(to.get("exports.storage.endpoint")),
                to.getOrDefault("exports.storage.region", "us-east-1"),
                required(to, "exports.storage.access-key"),
                required(to, "exports.storage.secret-key"),
                to.getOrDefault("exports.storage.bucket", "exports"));
        this.workerSettings = new LinkedHashMap<>(services.settings());
        workerSettings.put("exports.destinations.key", Tokens.DESTINATIONS_KEY);
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
        settings.put("exports.jobs.max-active-per-trainer", 10_000);
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
        long bulkTrainer = data.trainerWithPayments("chaos-bulk@example.com", BULK_ROWS);
        List<Long> smallTrainers = new ArrayList<>();
        for (int i = 0; i < SMALL_TRAINERS; i++) {
            smallTrainers.add(data.trainerWithPayments("chaos-small-" + i + "@example.com", SMALL_ROWS));
        }
        ChaosJobs jobs = new ChaosJobs(
                URI.create("http://localhost:" + api.getEnvironment().getProperty("local.server.port")),
                smallTrainers,
                bulkTrainer);
        ChaosWorkers workers = new ChaosWorkers(workerSettings);
        try {
            workers.startAll(); // a JVM may take minutes to start on a busy machine: the load waits for both
            long end = System.nanoTime() + load.toNanos();
            ChaosLoad chaosLoad = new ChaosLoad(jobs);
            Thread loader = new Thread(() -> chaosLoad.run(end), "chaos-load");
            loader.start();
            ChaosFaults faults = new ChaosFaults(services, workers, jobs);
            faults.inject(end);
            loader.join();

            services.restoreAll();
            workers.restartDead();
            log(
                    "load over: %d jobs accepted, %d deleted, %d requests refused, %d POSTs over a second; faults %s",
                    jobs.accepted().size(),
                    jobs.deletedCount(),
                    chaosLoad.refusedRequests(),
                    chaosLoad.slowPosts(),
                    faults.injected());
            ChaosJudge judge = new ChaosJudge(direct, audit, jobs);
            judge.awaitEnd(SETTLE);
            return judge.judge();
        } finally {
            workers.closeAll();
        }
    }

    // every format is a literal in the chaos classes; no dependency for @FormatMethod
    @SuppressWarnings("AnnotateFormatMethod")
    static void log(String format, Object... args) {
        System.err.printf("%tT %s%n", System.currentTimeMillis(), format.formatted(args));
    }

    /** A setting the stand-ins always give. */
    private static String required(Map<String, String> settings, String name) {
        return Objects.requireNonNull(settings.get(name), name);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
