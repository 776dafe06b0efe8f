package com.coaching.exports.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.creation.JobCreation;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.schedule.ScheduleProperties;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker fires due schedules: once per firing time, whatever runs at once or restarts. Each
 * firing here is made by instances of {@link ScheduleFiring} on a clock the test sets (the worker's
 * own instance checks only once an hour), against the real database and broker: the jobs made are
 * run by the worker's consumers.
 */
@WorkerTest
@TestPropertySource(properties = {"exports.schedules.check-interval=1h", "exports.jobs.max-active-per-trainer=2"})
class ScheduleFiringTest {

    static final Instant MONDAY_0700_BERLIN = Instant.parse("2026-11-30T06:00:00Z");

    @Autowired
    DueSchedules schedules;

    @Autowired
    JobCreation creation;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Jobs jobs;

    @Autowired
    JobTransitions transitions;

    @Autowired
    ExportJobRows rows;

    /** The schedules a test made: removed after it, so that no other test's firing makes their jobs. */
    final List<UUID> made = new ArrayList<>();

    @AfterEach
    void removeTheSchedules() {
        jdbc.sql("delete from export_schedule where id = any(:ids)")
                .param("ids", made.toArray(UUID[]::new))
                .update();
    }

    @Test
    void two_workers_firing_at_once_make_one_job_per_schedule_and_firing_time() throws Exception {
        Instant firing = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(schedule(newTrainer(), "* * * * *", "UTC", firing, false));
        }

        raceTwoWorkers(firing.plusSeconds(5));
        raceTwoWorkers(firing.plusSeconds(6));

        for (UUID id : ids) {
            assertThat(firingsOf(id)).containsExactly(firing);
            assertThat(jobsOf(id)).hasSize(1);
            assertThat(nextFireAt(id)).isEqualTo(firing.plus(1, ChronoUnit.MINUTES));
        }
        ExportJob job = rows.findById(jobsOf(ids.get(0)).get(0)).orElseThrow();
        assertThat(jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED).status()).isEqualTo(JobStatus.SUCCEEDED);

        // the next minute: one more each, again whoever races
        raceTwoWorkers(firing.plusSeconds(65));
        for (UUID id : ids) {
            assertThat(firingsOf(id)).containsExactly(firing, firing.plus(1, ChronoUnit.MINUTES));
            assertThat(jobsOf(id)).hasSize(2);
        }
    }

    @Test
    void firings_missed_while_no_worker_ran_give_one_job_for_the_latest_whose_window_ends_then() {
        long trainer = newTrainer();
        UUID id = schedule(trainer, "0 * * * *", "UTC", Instant.parse("2026-12-01T20:00:00Z"), true, 7);
        Instant restart = Instant.parse("2026-12-02T03:30:00Z");

        firing(restart).fireDue();
        firing(restart.plusSeconds(10)).fireDue();

        Instant latest = Instant.parse("2026-12-02T03:00:00Z");
        assertThat(firingsOf(id)).containsExactly(latest);
        assertThat(nextFireAt(id)).isEqualTo("2026-12-02T04:00:00Z");
        ExportJob job = rows.findById(jobsOf(id).get(0)).orElseThrow();
        assertThat(job.until()).isEqualTo(latest);
        assertThat(job.since()).isEqualTo(latest.minus(7, ChronoUnit.DAYS));
        assertThat(job.notifyByEmail()).as("notify, as the schedule asks").isTrue();
        assertThat(job.days()).isEqualTo(7);
        assertThat(jdbc.sql("select by, reason from export_job_event where job_id = :job and from_status is null")
                        .param("job", job.id())
                        .query((row, n) -> row.getString("by") + ", " + row.getString("reason"))
                        .list())
                .as("its creation in its history names the schedule and the firing that made it")
                .containsExactly("schedule " + id + ", firing " + latest);
    }

    @Test
    void
            a_firing_over_the_active_job_limit_is_held_back_and_runs_when_a_slot_frees_with_its_window_ending_at_the_firing() {
        long trainer = newTrainer();
        // two jobs queued and never published: the trainer is at the limit (2) until one is cancelled
        ExportJob blocking = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        UUID id = schedule(trainer, "0 7 * * MON", "Europe/Berlin", MONDAY_0700_BERLIN, false, 7);

        firing(MONDAY_0700_BERLIN.plusSeconds(3)).fireDue();
        assertThat(firingsOf(id)).containsExactly(MONDAY_0700_BERLIN);
        assertThat(heldBack(id)).containsExactly(MONDAY_0700_BERLIN + " active job limit");
        assertThat(jobsOf(id)).isEmpty();
        assertThat(nextFireAt(id)).isEqualTo(MONDAY_0700_BERLIN);

        transitions.cancelQueued(blocking.id(), Instant.now());
        Instant freed = MONDAY_0700_BERLIN.plus(Duration.ofMinutes(40));
        firing(freed).fireDue();

        assertThat(firingsOf(id)).containsExactly(MONDAY_0700_BERLIN);
        assertThat(heldBack(id))
                .as("the firing made its job: no longer held back")
                .isEmpty();
        ExportJob job = rows.findById(jobsOf(id).get(0)).orElseThrow();
        assertThat(job.until()).isEqualTo(MONDAY_0700_BERLIN);
        assertThat(job.since()).isEqualTo(MONDAY_0700_BERLIN.minus(7, ChronoUnit.DAYS));
        assertThat(nextFireAt(id)).isEqualTo(MONDAY_0700_BERLIN.plus(7, ChronoUnit.DAYS));
    }

    @Test
    void
            a_hundred_and_twenty_firings_held_back_by_the_limit_do_not_keep_a_free_schedule_from_firing_in_the_next_pass() {
        Instant due = Instant.parse("2026-12-03T09:00:00Z");
        List<UUID> held = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            long trainer = newTrainer();
            jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
            jobs.insertQueued(trainer, Dataset.PAYMENTS, 30); // at the limit (2)
            for (int s = 0; s < 20; s++) {
                // due before the free one: they come first in the order of the claim
                held.add(schedule(trainer, "0 * * * *", "UTC", due.minusSeconds(120 - t * 20 - s), false));
            }
        }
        UUID free = schedule(newTrainer(), "0 * * * *", "UTC", due, false);

        firing(due.plusSeconds(5)).fireDue();

        assertThat(jobsOf(free)).as("the free schedule fired in this pass").hasSize(1);
        assertThat(firingsOf(free)).containsExactly(due);
        for (UUID id : held) {
            assertThat(heldBack(id)).hasSize(1).allMatch(firing -> firing.endsWith(" active job limit"));
            assertThat(jobsOf(id)).isEmpty();
        }
        // within the minute none is tried again; a minute on, each is, its firing time unchanged
        assertThat(triesOf(held.get(0))).containsExactly(due.plusSeconds(5));
        firing(due.plusSeconds(50)).fireDue();
        assertThat(triesOf(held.get(0))).containsExactly(due.plusSeconds(5));
        firing(due.plusSeconds(66)).fireDue();
        assertThat(triesOf(held.get(0))).containsExactly(due.plusSeconds(66));
        assertThat(nextFireAt(held.get(0))).isEqualTo(due.minusSeconds(120));
    }

    @Test
    void a_schedule_of_a_bundle_fires_a_bundle_whose_payments_window_ends_at_the_firing() {
        long trainer = newTrainer();
        UUID id = schedule(trainer, "0 * * * *", "UTC", Instant.parse("2026-12-01T20:00:00Z"), false, 7);
        jdbc.sql("update export_schedule set options = '{\"datasets\": [\"payments\", \"trainees\"]}' where id = :id")
                .param("id", id)
                .update();

        firing(Instant.parse("2026-12-01T20:00:05Z")).fireDue();

        ExportJob job = rows.findById(jobsOf(id).get(0)).orElseThrow();
        assertThat(job.datasets()).containsExactly(Dataset.PAYMENTS, Dataset.TRAINEES);
        assertThat(job.fileName()).isEqualTo("export-2026-12-01.zip");
        assertThat(job.until()).isEqualTo("2026-12-01T20:00:00Z");
        assertThat(jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED).result().contentType())
                .isEqualTo("application/zip");
    }

    @Test
    void a_paused_schedule_does_not_fire() {
        Instant due = Instant.parse("2026-12-02T03:00:00Z");
        UUID id = schedule(newTrainer(), "* * * * *", "UTC", due, false);
        jdbc.sql("update export_schedule set paused = true where id = :id")
                .param("id", id)
                .update();

        firing(due.plusSeconds(90)).fireDue();

        assertThat(firingsOf(id)).isEmpty();
        assertThat(jobsOf(id)).isEmpty();
        assertThat(nextFireAt(id)).isEqualTo(due);
    }

    @Test
    void a_firing_that_made_its_job_is_never_made_again_even_when_the_schedule_is_set_back() {
        Instant due = Instant.parse("2026-12-02T02:00:00Z");
        UUID id = schedule(newTrainer(), "0 2 * * *", "UTC", due, false);
        firing(due.plusSeconds(1)).fireDue();

        // a restore, or a hand edit, sets the schedule back to a firing it already made
        jdbc.sql("update export_schedule set next_fire_at = :due where id = :id")
                .param("id", id)
                .param("due", due.atOffset(ZoneOffset.UTC))
                .update();
        firing(due.plusSeconds(30)).fireDue();

        assertThat(firingsOf(id)).containsExactly(due);
        assertThat(jobsOf(id)).hasSize(1);
        assertThat(nextFireAt(id)).isEqualTo(due.plus(1, ChronoUnit.DAYS));
    }

    @Test
    void a_schedules_firings_are_remembered_for_ninety_days() {
        Instant first = Instant.parse("2026-06-01T02:00:00Z");
        UUID id = schedule(newTrainer(), "0 2 * * *", "UTC", first, false);
        firing(first.plusSeconds(1)).fireDue();
        Instant within = first.plus(ScheduleFiring.FIRINGS_KEPT);
        setBack(id, within);
        firing(within.plusSeconds(1)).fireDue();
        assertThat(firingsOf(id)).containsExactly(first, within);

        // its two jobs end first: the trainer may have two active (exports.jobs.max-active-per-trainer=2)
        jobsOf(id).forEach(job -> jobs.awaitStatus(job, JobStatus.SUCCEEDED));
        Instant past = within.plus(1, ChronoUnit.DAYS);
        setBack(id, past);
        firing(past.plusSeconds(1)).fireDue();

        assertThat(firingsOf(id)).containsExactly(within, past);
    }

    private void setBack(UUID schedule, Instant next) {
        jdbc.sql("update export_schedule set next_fire_at = :next where id = :id")
                .param("id", schedule)
                .param("next", next.atOffset(ZoneOffset.UTC))
                .update();
    }

    private void raceTwoWorkers(Instant now) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ScheduleFiring worker = firing(now);
                runs.add(workers.submit(() -> {
                    start.await();
                    return worker.fireDue();
                }));
            }
            for (Future<Integer> each : runs) {
                each.get(); // a worker that threw fails the test
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private ScheduleFiring firing(Instant now) {
        return new ScheduleFiring(
                schedules,
                creation,
                transactions,
                new ScheduleProperties(20, Duration.ofHours(1)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static long newTrainer() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    }

    private UUID schedule(long trainer, String cron, String zone, Instant next, boolean notify) {
        return schedule(trainer, cron, zone, next, notify, null);
    }

    private UUID schedule(long trainer, String cron, String zone, Instant next, boolean notify, Integer days) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into export_schedule (id, trainer_id, dataset, days, notify, cron, timezone, next_fire_at, created_at)
                values (:id, :trainer, :dataset, :days, :notify, :cron, :zone, :next, now())""")
                .param("id", id)
                .param("trainer", trainer)
                .param("dataset", days == null ? "trainees" : "payments")
                .param("days", days)
                .param("notify", notify)
                .param("cron", cron)
                .param("zone", zone)
                .param("next", next.atOffset(ZoneOffset.UTC))
                .update();
        made.add(id);
        return id;
    }

    private List<Instant> firingsOf(UUID schedule) {
        return jdbc.sql("select fire_at from export_schedule_firing where schedule_id = :id order by fire_at")
                .param("id", schedule)
                .query((rs, n) -> ExportJobRows.instant(rs, "fire_at"))
                .list();
    }

    /** The schedule's firings held back, each as "<firing time> <reason>". */
    private List<String> heldBack(UUID schedule) {
        return jdbc.sql("""
                select fire_at, skipped_reason from export_schedule_firing
                 where schedule_id = :id and job_id is null order by fire_at""")
                .param("id", schedule)
                .query((rs, n) -> ExportJobRows.instant(rs, "fire_at") + " " + rs.getString("skipped_reason"))
                .list();
    }

    /** When the schedule's firings were last tried (made, or held back). */
    private List<Instant> triesOf(UUID schedule) {
        return jdbc.sql("select created_at from export_schedule_firing where schedule_id = :id order by fire_at")
                .param("id", schedule)
                .query((rs, n) -> ExportJobRows.instant(rs, "created_at"))
                .list();
    }

    /** The jobs made for the schedule, by the firings that recorded them. */
    private List<UUID> jobsOf(UUID schedule) {
        return jdbc.sql("""
                select j.id from export_job j join export_schedule_firing f on f.job_id = j.id
                 where f.schedule_id = :id order by f.fire_at""").param("id", schedule).query(UUID.class).list();
    }

    private Instant nextFireAt(UUID schedule) {
        return jdbc.sql("select next_fire_at from export_schedule where id = :id")
                .param("id", schedule)
                .query((rs, n) -> ExportJobRows.instant(rs, "next_fire_at"))
                .single();
    }
}
