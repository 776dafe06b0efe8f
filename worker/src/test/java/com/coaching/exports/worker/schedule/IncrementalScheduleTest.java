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
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A payments schedule whose window is sinceLastRun, on the real database, broker and store: each
 * firing's job exports the payments created in [end of the last window, a minute before the firing),
 * and a firing that makes no job leaves the window open. Firings are made on clocks the test sets, as
 * in {@link ScheduleFiringTest} (whose settings these are, so the two share one context).
 */
@WorkerTest
@TestPropertySource(properties = {"exports.schedules.check-interval=1h", "exports.jobs.max-active-per-trainer=2"})
class IncrementalScheduleTest {

    static final Instant FIRST = Instant.parse("2026-12-07T06:00:00Z");
    static final Instant SECOND = FIRST.plus(1, ChronoUnit.DAYS);
    static final Duration MICRO = Duration.of(1, ChronoUnit.MICROS);

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

    @Autowired
    Store store;

    final List<UUID> made = new ArrayList<>();
    final List<Long> trainers = new ArrayList<>();

    @AfterEach
    void removeTheSchedulesAndPayments() {
        jdbc.sql("delete from export_schedule where id = any(:ids)")
                .param("ids", made.toArray(UUID[]::new))
                .update();
        SourceRows source = jobs.sourceRows();
        trainers.forEach(source::removePaymentsOf);
    }

    @Test
    void the_second_firing_holds_exactly_the_payments_created_between_the_end_of_the_first_window_and_its_own() {
        SourceRows source = jobs.sourceRows();
        long trainer = source.trainer("Ines", "Kraft", "ines@example.com");
        trainers.add(trainer);
        long trainee = source.trainee(trainer, "Anna", "Lee", "anna@example.com", true, FIRST);
        Instant firstEnd = FIRST.minus(IncrementalWindow.LAG);
        Instant secondEnd = SECOND.minus(IncrementalWindow.LAG);
        pay(
                source,
                trainer,
                trainee,
                "before-the-first-window",
                firstEnd.minus(Duration.ofDays(1)).minus(MICRO));
        pay(source, trainer, trainee, "first-window-start", firstEnd.minus(Duration.ofDays(1)));
        pay(source, trainer, trainee, "first-window-last", firstEnd.minus(MICRO));
        pay(source, trainer, trainee, "second-window-start", firstEnd);
        UUID id = schedule(trainer, "0 6 * * *", FIRST);

        firing(FIRST.plusSeconds(5)).fireDue();
        ExportJob first = jobs.awaitStatus(lastJobOf(id), JobStatus.SUCCEEDED);

        assertThat(descriptions(first)).containsExactly("first-window-last", "first-window-start");
        assertThat(lastWindowEnd(id)).contains(firstEnd);
        // committed after the first job read its snapshot, created within the minute before the first firing
        pay(source, trainer, trainee, "committed-late", FIRST.minusSeconds(30));
        pay(source, trainer, trainee, "second-window-middle", FIRST.plus(Duration.ofHours(12)));
        pay(source, trainer, trainee, "second-window-last", secondEnd.minus(MICRO));
        pay(source, trainer, trainee, "third-window-start", secondEnd);
        pay(source, trainer, trainee, "within-the-minute-before-the-second-firing", SECOND.minusSeconds(1));

        firing(SECOND.plusSeconds(5)).fireDue();
        ExportJob second = jobs.awaitStatus(lastJobOf(id), JobStatus.SUCCEEDED);

        assertThat(descriptions(second))
                .containsExactly("second-window-last", "second-window-middle", "committed-late", "second-window-start");
        assertThat(second.options().windowStart()).isEqualTo(firstEnd);
        assertThat(second.options().windowEnd()).isEqualTo(secondEnd);
        assertThat(second.days()).as("the window is the job's, not days back").isNull();
        assertThat(lastWindowEnd(id)).contains(secondEnd);
    }

    @Test
    void a_firing_held_back_by_the_active_job_limit_keeps_the_window_open_until_a_firing_makes_its_job() {
        long trainer = 7_000_000_000L + System.nanoTime() % 1_000_000_000L;
        Instant hour = Instant.parse("2026-12-08T10:00:00Z");
        UUID id = schedule(trainer, "0 * * * *", hour);
        firing(hour.plusSeconds(5)).fireDue();
        jobs.awaitStatus(lastJobOf(id), JobStatus.SUCCEEDED);
        Instant firstEnd = hour.minus(IncrementalWindow.LAG);
        ExportJob blocking = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        jobs.insertQueued(trainer, Dataset.PAYMENTS, 30); // at the limit (2) until one is cancelled

        firing(hour.plus(Duration.ofHours(1)).plusSeconds(5)).fireDue(); // held back
        firing(hour.plus(Duration.ofHours(2)).plusSeconds(5)).fireDue(); // the next firing time: held back too

        assertThat(jobsOf(id)).hasSize(1);
        assertThat(lastWindowEnd(id)).as("no job was handed a window").contains(firstEnd);
        transitions.cancelQueued(blocking.id(), Instant.now());
        Instant made = hour.plus(Duration.ofHours(2)).plusSeconds(70);
        firing(made).fireDue();

        assertThat(jobsOf(id)).hasSize(2);
        ExportJob next = rows.findById(lastJobOf(id)).orElseThrow();
        Instant thirdEnd = hour.plus(Duration.ofHours(2)).minus(IncrementalWindow.LAG);
        assertThat(next.options().windowStart())
                .as("where the last window handed to a job ended")
                .isEqualTo(firstEnd);
        assertThat(next.options().windowEnd()).isEqualTo(thirdEnd);
        assertThat(lastWindowEnd(id)).contains(thirdEnd);
    }

    private static void pay(SourceRows source, long trainer, long trainee, String description, Instant createdAt) {
        source.payment(trainer, trainee, "10.00", "EUR", "succeeded", "one_time", description, createdAt, createdAt);
    }

    /** The last field of each row of the file (the payment's description), in file order: newest first. */
    private List<String> descriptions(ExportJob done) {
        String csv = new String(store.file(done), StandardCharsets.UTF_8);
        return Arrays.stream(csv.split("\r\n"))
                .skip(1)
                .map(line -> line.substring(line.lastIndexOf(',') + 1))
                .toList();
    }

    private ScheduleFiring firing(Instant now) {
        return new ScheduleFiring(
                schedules,
                creation,
                transactions,
                new ScheduleProperties(20, Duration.ofHours(1)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A payments schedule of one day's first window, whose window is sinceLastRun, next due at {@code next}. */
    private UUID schedule(long trainer, String cron, Instant next) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into export_schedule (id, trainer_id, dataset, days, cron, timezone, next_fire_at, created_at,
                                             since_last_run)
                values (:id, :trainer, 'payments', 1, :cron, 'UTC', :next, now(), true)""")
                .param("id", id)
                .param("trainer", trainer)
                .param("cron", cron)
                .param("next", next.atOffset(ZoneOffset.UTC))
                .update();
        made.add(id);
        return id;
    }

    private List<UUID> jobsOf(UUID schedule) {
        return jdbc.sql("""
                select job_id from export_schedule_firing
                 where schedule_id = :id and job_id is not null order by fire_at""").param("id", schedule).query(UUID.class).list();
    }

    private UUID lastJobOf(UUID schedule) {
        List<UUID> made = jobsOf(schedule);
        return made.get(made.size() - 1);
    }

    /** The end of the window last handed to a job, as the schedule keeps it (empty before the first). */
    private Optional<Instant> lastWindowEnd(UUID schedule) {
        return jdbc.sql("select last_window_end from export_schedule where id = :id")
                .param("id", schedule)
                .query((rs, n) -> Optional.ofNullable(ExportJobRows.instant(rs, "last_window_end")))
                .single();
    }
}
