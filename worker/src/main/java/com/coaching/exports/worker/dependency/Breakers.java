package com.coaching.exports.worker.dependency;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.source.SourceDatabase;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.worker.WorkerProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * This worker's circuit breakers, one per {@link Dependency}, the probes that close them and the
 * gauge {@code exports_dependency_up{dependency="store"|"source"|"database"}}. An open breaker is
 * probed every {@code exports.worker.breaker-probe-interval}: a HeadBucket for the store (any
 * answer of the store's own, even a refusal, means it is there), {@code select 1} for the
 * databases, each within a short timeout.
 */
@Component
public class Breakers implements HousekeepingTask {

    private static final Logger log = LoggerFactory.getLogger(Breakers.class);
    /** A probe answers long before the next one is due, and never holds the scheduling pool. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Map<Dependency, Breaker> breakers = new EnumMap<>(Dependency.class);
    private final S3Client s3;
    private final StorageProperties storage;
    private final SourceDatabase source;
    private final JdbcClient database;
    private final WorkerProperties properties;

    Breakers(
            S3Client s3,
            StorageProperties storage,
            SourceDatabase source,
            JdbcClient database,
            WorkerProperties properties,
            MeterRegistry registry,
            Clock clock) {
        this.s3 = s3;
        this.storage = storage;
        this.source = source;
        this.database = database;
        this.properties = properties;
        for (Dependency dependency : Dependency.values()) {
            Breaker breaker = new Breaker(dependency, clock);
            breakers.put(dependency, breaker);
            Gauge.builder("exports.dependency.up", breaker, b -> b.isOpen() ? 0 : 1)
                    .description("1 while this worker reaches the dependency, 0 while its circuit breaker is open")
                    .tag("dependency", dependency.id())
                    .register(registry);
        }
    }

    @Override
    public String name() {
        return "breaker probe";
    }

    @Override
    public Duration interval() {
        return properties.breakerProbeInterval();
    }

    @Override
    public void runOnce() {
        probeOpenBreakers();
    }

    public Breaker of(Dependency dependency) {
        return Objects.requireNonNull(breakers.get(dependency), "a breaker for every dependency");
    }

    /** The first dependency an export needs (the store, the source) whose breaker is open. */
    public Optional<Dependency> exportDependencyDown() {
        if (of(Dependency.STORE).isOpen()) {
            return Optional.of(Dependency.STORE);
        }
        return of(Dependency.SOURCE).isOpen() ? Optional.of(Dependency.SOURCE) : Optional.empty();
    }

    /**
     * Waits while any breaker is open, at most {@code max}, and no longer once {@code giveUp} says so.
     *
     * @return whether every breaker is closed
     */
    public boolean awaitAllClosed(Duration max, BooleanSupplier giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        for (Breaker breaker : breakers.values()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!breaker.awaitClosed(left, giveUp)) {
                return false;
            }
        }
        return true;
    }

    void probeOpenBreakers() {
        breakers.values().stream().filter(Breaker::isOpen).forEach(breaker -> {
            if (reaches(breaker.dependency())) {
                breaker.reached();
            }
        });
    }

    private boolean reaches(Dependency dependency) {
        try {
            switch (dependency) {
                case STORE -> probeStore();
                case SOURCE ->
                    source.jdbc().sql("select 1").query(Integer.class).single();
                case DATABASE -> database.sql("select 1").query(Integer.class).single();
            }
            return true;
        } catch (RuntimeException e) {
            log.debug("probe failed dependency={} error=\"{}\"", dependency.id(), e.toString());
            return false;
        }
    }

    /** The store answered, even with a refusal: it is there (a refusal fails the job, not the store). */
    private void probeStore() {
        try {
            s3.headBucket(head ->
                    head.bucket(storage.bucket()).overrideConfiguration(call -> call.apiCallTimeout(PROBE_TIMEOUT)));
        } catch (S3Exception answered) {
            if (answered.statusCode() >= 500 || answered.statusCode() == 429 || answered.statusCode() == 408) {
                throw answered;
            }
        }
    }
}
