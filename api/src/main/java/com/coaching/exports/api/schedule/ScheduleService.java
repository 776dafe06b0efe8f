package com.coaching.exports.api.schedule;

import com.coaching.exports.api.schedule.ScheduleRequest.ValidSchedule;
import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.schedule.CronSchedule;
import com.coaching.exports.shared.schedule.ScheduleProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, finds, pauses, resumes and deletes a trainer's schedules; the worker fires them. */
@Service
public class ScheduleService {

    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

    private final TrainerSchedules schedules;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int maxPerTrainer;

    ScheduleService(
            TrainerSchedules schedules, TransactionTemplate transactions, Clock clock, ScheduleProperties settings) {
        this.schedules = schedules;
        this.transactions = transactions;
        this.clock = clock;
        this.maxPerTrainer = settings.maxPerTrainer();
    }

    Schedule create(TrainerId trainer, ValidSchedule valid) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Schedule schedule = new Schedule(
                UUID.randomUUID(),
                trainer.value(),
                valid.export(),
                valid.cron().unix(),
                valid.cron().zone(),
                false,
                Objects.requireNonNull(valid.cron().next(now), "a parsed cron fires again"),
                now,
                null,
                null,
                List.of(),
                valid.sinceLastRun(),
                null);
        transactions.executeWithoutResult(tx -> {
            if (schedules.countLocked(trainer.value()) >= maxPerTrainer) {
                throw new ApiException(
                        ProblemType.TOO_MANY_SCHEDULES,
                        "You have " + maxPerTrainer + " schedules, as many as a trainer may have; delete one first.");
            }
            schedules.insert(schedule);
        });
        log.info(
                "schedule created schedule={} trainer={} dataset={} window={} cron=\"{}\" timezone={} next={}",
                schedule.id(),
                trainer,
                schedule.export().dataset().id(),
                schedule.sinceLastRun() ? ScheduleRequest.SINCE_LAST_RUN : "days",
                schedule.cron(),
                schedule.timezone().getId(),
                schedule.nextFireAt());
        return schedule;
    }

    Schedule find(TrainerId trainer, UUID id) {
        return schedules
                .find(trainer.value(), id)
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "No schedule " + id + " was found."));
    }

    List<Schedule> list(TrainerId trainer) {
        return schedules.list(trainer.value());
    }

    /** Pauses it, or resumes it from the next firing after now: firings missed while paused are not made up. */
    Schedule setPaused(TrainerId trainer, UUID id, boolean paused) {
        Schedule schedule = find(trainer, id);
        Instant next = !paused && schedule.paused()
                ? CronSchedule.parse(schedule.cron(), schedule.timezone()).next(clock.instant())
                : null; // a firing already due (waiting for a free slot) stays due
        if (!schedules.setPaused(trainer.value(), id, paused, next)) {
            throw new ApiException(ProblemType.NOT_FOUND, "No schedule " + id + " was found.");
        }
        log.info("schedule {} schedule={} trainer={}", paused ? "paused" : "resumed", id, trainer);
        return find(trainer, id);
    }

    void delete(TrainerId trainer, UUID id) {
        if (!schedules.delete(trainer.value(), id)) {
            throw new ApiException(ProblemType.NOT_FOUND, "No schedule " + id + " was found.");
        }
        log.info("schedule deleted schedule={} trainer={}", id, trainer);
    }
}
