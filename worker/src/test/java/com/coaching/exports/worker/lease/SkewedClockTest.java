package com.coaching.exports.worker.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.clock.DatabaseClock;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.secret.DevSecrets;
import com.coaching.exports.worker.WorkerApplication;
import com.coaching.exports.worker.export.Leases;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Workers compare leases on the database's clock, not their own: a worker whose clock is a minute
 * off, beside this test's worker whose clock is right, takes back no job that is still alive, and
 * its own leases look fresh to the others.
 */
@WorkerTest
@Import(Jobs.class)
class SkewedClockTest {

    static final Duration A_MINUTE = Duration.ofSeconds(60);
    static final String HEALTHY_WORKER = "healthy-worker";
    static final String DEAD_WORKER = "dead-worker";

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LeaseSweeper sweeper;

    long trainer;

    @BeforeEach
    void aTrainer() {
        trainer = jobs.sourceRows().trainer("Cleo", "Clock", "cleo@example.com");
    }

    @Test
    void a_worker_whose_clock_is_a_minute_ahead_takes_back_no_job_whose_worker_is_alive() {
        ExportJob alive = jobs.claimedBy(jobs.insertQueued(trainer, Dataset.TRAINEES, null), HEALTHY_WORKER);
        ExportJob dead = jobs.claimedBy(jobs.insertQueued(trainer, Dataset.TRAINEES, null), DEAD_WORKER);
        jobs.leaseExpires(dead.id());

        try (ConfigurableApplicationContext ahead = workerWhoseClockIsOff("ahead-worker", A_MINUTE)) {
            ahead.getBean(LeaseSweeper.class).sweep();

            // and its own sweeps, every second, for a while
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> stillHeld(alive.id(), HEALTHY_WORKER));
            assertThat(takenBack(dead.id()))
                    .as("a lease that did expire is still taken back")
                    .isTrue();
        }
        assertThat(takenBack(alive.id())).isFalse();
    }

    @Test
    void the_leases_of_a_worker_whose_clock_is_a_minute_behind_stay_fresh_for_the_other_workers() {
        try (ConfigurableApplicationContext behind = workerWhoseClockIsOff("behind-worker", A_MINUTE.negated())) {
            Clock itsClock = behind.getBean(Clock.class);
            UUID id = jobs.insertQueued(trainer, Dataset.TRAINEES, null).id();
            // what its export runner and its lease keeper do, on its clock
            assertThat(behind.getBean(JobTransitions.class).claim(id, "behind-worker", itsClock.instant()))
                    .isTrue();
            behind.getBean(Leases.class).heartbeat("behind-worker", Set.of(id), itsClock.instant());

            assertThat(heartbeatAgeOnTheDatabasesClock(id)).isLessThan(Duration.ofSeconds(2));
            sweeper.sweep();
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> stillHeld(id, "behind-worker"));
            assertThat(takenBack(id)).isFalse();
        }
    }

    /**
     * A second worker, sharing this one's database and broker, whose own clock is {@code off} from
     * the true time; it consumes nothing, so it moves jobs only by its sweeps.
     */
    private static ConfigurableApplicationContext workerWhoseClockIsOff(String id, Duration off) {
        return WorkerApplication.application()
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(
                                "clock",
                                DatabaseClock.class,
                                () -> new DatabaseClock(
                                        Clock.offset(Clock.systemUTC(), off),
                                        context.getBean(DataSource.class),
                                        A_MINUTE)))
                .properties(Map.of(
                        "exports.worker.id",
                        id,
                        "exports.worker.heartbeat-interval",
                        "1s",
                        "spring.rabbitmq.listener.simple.auto-startup",
                        "false",
                        "exports.webhooks.interval",
                        "1h",
                        "exports.links.secret",
                        DevSecrets.TEST_LINKS,
                        "exports.destinations.key",
                        DevSecrets.TEST_DESTINATIONS_KEY,
                        DevSecrets.ALLOW,
                        "true"))
                .run("--server.port=0");
    }

    private boolean stillHeld(UUID id, String worker) {
        ExportJob job = jobs.current(id);
        return job.status() == JobStatus.RUNNING && job.attempts() == 1 && worker.equals(heldBy(id));
    }

    private String heldBy(UUID id) {
        return jdbc.sql("select coalesce(worker_id, '') from export_job where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    /** Whether the job's history shows a lease sweeper took it back. */
    private boolean takenBack(UUID id) {
        return jdbc.sql("""
                select count(*) from export_job_event
                 where job_id = :id and from_status = 'RUNNING' and by = 'lease-sweeper'""").param("id", id).query(Long.class).single() > 0;
    }

    private Duration heartbeatAgeOnTheDatabasesClock(UUID id) {
        return jdbc.sql(
                        "select extract(epoch from clock_timestamp() - heartbeat_at) * 1000 from export_job where id = :id")
                .param("id", id)
                .query((rs, n) -> Duration.ofMillis(Math.abs(rs.getLong(1))))
                .single();
    }
}
