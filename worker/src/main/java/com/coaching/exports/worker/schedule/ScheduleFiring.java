package com.coaching.exports.worker.schedule;

import com.coaching.exports.shared.creation.JobCreation;
import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.schedule.CronSchedule;
import com.coaching.exports.shared.schedule.ScheduleProperties;
import com.coaching.exports.worker.schedule.DueSchedules.DueSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires the schedules that are due: every worker runs it, every {@code exports.schedules.check-interval}.
 * A firing is one transaction: the schedule's row is taken with {@code for update skip locked}, the
 * firing recorded under its key (schedule, firing time), the job created with its outbox entry
 * ({@link JobCreation}) and the schedule moved to its next firing after now. So two workers never
 * fire a schedule twice, a crash leaves either all of it or none, and a restart finds the firing
 * due and makes it once. Firings missed while no worker ran give one job, for the latest of them.
 * A trainer at the active-job limit gets nothing yet: the firing is recorded as held back
 * ({@link #ACTIVE_JOB_LIMIT}), stays due and is tried again a minute later ({@link FiringTimes}),
 * until a job has ended (its window still ends at the firing time). Meanwhile the pass goes on to
 * the schedules behind it: each pass looks at every due schedule once, however many are held back.
 * A {@code sinceLastRun} schedule's job is handed the {@link IncrementalWindow} after the last one
 * handed over, and the schedule keeps its end in the same transaction: a firing that makes no job
 * leaves the window open for the next one that does.
 */
@Component
public class ScheduleFiring implements HousekeepingTask {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);
    /** Why a firing made no job yet, as the trainer sees it in the schedule's firings. */
    static final String ACTIVE_JOB_LIMIT = "active job limit";
    /** How long a firing's key is kept: longer than any plausible restore that sets a schedule back. */
    static final Duration FIRINGS_KEPT = Duration.ofDays(90);

    private final DueSchedules schedules;
    private final JobCreation creation;
    private final TransactionTemplate transactions;
    private final ScheduleProperties properties;
    private final Clock clock;

    ScheduleFiring(
            DueSchedules schedules,
            JobCreation creation,
            TransactionTemplate transactions,
            ScheduleProperties properties,
            Clock clock) {
        this.schedules = schedules;
        this.creation = creation;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "schedule check";
    }

    @Override
    public Duration interval() {
        return properties.checkInterval();
    }

    @Override
    public void runOnce() {
        fireDue();
    }

    /**
     * Makes the job of every due schedule, each looked at once (one held back leaves the due ones
     * until its next try); how many were made.
     */
    public int fireDue() {
        Set<UUID> seen = new HashSet<>();
        int made = 0;
        while (true) {
            Optional<Fired> fired = transactions.execute(tx -> fireOne(clock.instant(), seen));
            if (fired == null || fired.isEmpty()) {
                break;
            }
            seen.add(fired.get().due().id());
            if (fired.get().jobId() != null) { // committed: logged once, by the worker that made it
                logFiring(fired.get());
                made++;
            }
        }
        return made;
    }

    private Optional<Fired> fireOne(Instant now, Set<UUID> seen) {
        Optional<DueSchedule> taken = schedules.takeOne(now, seen);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        DueSchedule due = taken.get();
        CronSchedule cron = CronSchedule.parse(due.cron(), due.timezone());
        Instant fireAt = cron.latestDue(due.nextFireAt(), now);
        UUID jobId = UUID.randomUUID();
        if (!schedules.recordFiring(due.id(), fireAt, jobId, now)) {
            // this firing made its job already (next_fire_at was set back by hand): make no second one
            schedules.advance(due.id(), next(cron, now), null, null, null);
            return Optional.of(new Fired(due, null, fireAt, false));
        }
        ExportJob job = job(due, jobId, fireAt, now);
        Optional<ExportJob> created =
                creation.create(job, JobTransitions.bySchedule(due.id()), "firing " + fireAt, null, null);
        if (created.isEmpty()) {
            Instant retryAt = FiringTimes.retryAfterHeldBack(clock);
            schedules.holdBack(due.id(), fireAt, ACTIVE_JOB_LIMIT, retryAt);
            log.debug(
                    "schedule held back schedule={} trainer={} firing={} retry={}",
                    due.id(),
                    due.trainerId(),
                    fireAt,
                    retryAt);
            return Optional.of(new Fired(due, null, fireAt, true));
        }
        // the window is handed to the job in the transaction that creates it: a firing held back, or
        // rolled back, leaves it open for the next one that makes its job
        Instant windowEnd = due.sinceLastRun() ? job.options().windowEnd() : null;
        schedules.advance(due.id(), next(cron, now), fireAt, jobId, windowEnd);
        schedules.forgetFiringsBefore(due.id(), fireAt.minus(FIRINGS_KEPT));
        return Optional.of(new Fired(due, jobId, fireAt, false));
    }

    private static void logFiring(Fired fired) {
        log.info(
                "schedule fired schedule={} job={} firing={} trainer={} dataset={}",
                fired.due().id(),
                fired.jobId(),
                fired.fireAt(),
                fired.due().trainerId(),
                fired.due().dataset().id());
    }

    /**
     * The firing's job: the stored request, its {@code days} window ending at the firing time, or for a
     * {@code sinceLastRun} schedule the {@link IncrementalWindow} after the last one instead.
     */
    private static ExportJob job(DueSchedule due, UUID jobId, Instant fireAt, Instant now) {
        Integer days = due.days();
        ExportOptions options = days == null ? due.options() : due.options().endingAt(fireAt);
        if (due.sinceLastRun() && days != null) {
            IncrementalWindow window = IncrementalWindow.of(due.lastWindowEnd(), fireAt, days);
            options = due.options().between(window.start(), window.end());
            days = null; // the window is the job's, not days back from its end
        }
        return ExportJob.queued(
                jobId, due.trainerId(), due.dataset(), days, due.notifyByEmail(), due.compression(), options, now);
    }

    /**
     * What one firing did: the job it made, or {@code null} when it made none; {@code waiting} when
     * the trainer is at the active-job limit (then only the held-back firing and the next try are kept).
     */
    private static Instant next(CronSchedule cron, Instant now) {
        return Objects.requireNonNull(cron.next(now), "a parsed cron fires again");
    }

    private record Fired(DueSchedule due, @Nullable UUID jobId, Instant fireAt, boolean waiting) {}
}
