package com.coaching.exports.api.schedule;

import static com.coaching.exports.shared.job.ExportJobRows.instant;
import static com.coaching.exports.shared.job.ExportJobRows.requiredInstant;

import com.coaching.exports.api.export.ExportRequest.ValidExportRequest;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.ExportOptions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code export_schedule} rows of one trainer: every query names the trainer, so another's is never found. */
@Repository
class TrainerSchedules {

    private static final String COLUMNS = """
            id, trainer_id, dataset, days, notify, compression, options, cron, timezone, paused, next_fire_at,
            created_at, last_fired_at, last_job_id, since_last_run, last_window_end""";

    /** How many of a schedule's firings its JSON shows, newest first. */
    static final int RECENT_FIRINGS = 5;

    private final JdbcClient jdbc;

    TrainerSchedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The trainer's schedules, counted under a per-trainer lock held until the transaction ends. */
    int countLocked(long trainerId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('export_schedule:' || :trainerId, 0))")
                .param("trainerId", trainerId)
                .query()
                .listOfRows();
        return jdbc.sql("select count(*) from export_schedule where trainer_id = :trainerId")
                .param("trainerId", trainerId)
                .query(Integer.class)
                .single();
    }

    void insert(Schedule schedule) {
        ValidExportRequest export = schedule.export();
        jdbc.sql("""
                insert into export_schedule (id, trainer_id, dataset, days, notify, compression, options, cron,
                                             timezone, paused, next_fire_at, created_at, since_last_run)
                values (:id, :trainerId, :dataset, :days, :notify, :compression, cast(:options as jsonb), :cron,
                        :timezone, :paused, :nextFireAt, :createdAt, :sinceLastRun)""")
                .param("id", schedule.id())
                .param("trainerId", schedule.trainerId())
                .param("dataset", export.dataset().id())
                .param("days", export.days())
                .param("notify", export.notifyByEmail())
                .param(
                        "compression",
                        export.compression() == null
                                ? null
                                : export.compression().id())
                .param("options", export.options().toJson())
                .param("cron", schedule.cron())
                .param("timezone", schedule.timezone().getId())
                .param("paused", schedule.paused())
                .param("nextFireAt", utc(schedule.nextFireAt()))
                .param("createdAt", utc(schedule.createdAt()))
                .param("sinceLastRun", schedule.sinceLastRun())
                .update();
    }

    Optional<Schedule> find(long trainerId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from export_schedule where id = :id and trainer_id = :trainerId")
                .param("id", id)
                .param("trainerId", trainerId)
                .query(TrainerSchedules::map)
                .optional()
                .map(schedule -> withFirings(trainerId, List.of(schedule)).get(0));
    }

    List<Schedule> list(long trainerId) {
        return withFirings(
                trainerId,
                jdbc.sql("select " + COLUMNS
                                + " from export_schedule where trainer_id = :trainerId order by created_at, id")
                        .param("trainerId", trainerId)
                        .query(TrainerSchedules::map)
                        .list());
    }

    /** The schedules with their latest firings, read in one statement for all of them. */
    private List<Schedule> withFirings(long trainerId, List<Schedule> schedules) {
        if (schedules.isEmpty()) {
            return schedules;
        }
        Map<UUID, List<ScheduleFiringView>> firings = jdbc
                .sql("""
                select schedule_id, fire_at, created_at, job_id, skipped_reason
                  from (select f.*, row_number() over (partition by f.schedule_id order by f.fire_at desc) as n
                          from export_schedule_firing f
                          join export_schedule s on s.id = f.schedule_id
                         where s.trainer_id = :trainerId and f.schedule_id = any(:ids)) latest
                 where n <= :recent
                 order by schedule_id, fire_at desc""")
                .param("trainerId", trainerId)
                .param("ids", schedules.stream().map(Schedule::id).toArray(UUID[]::new))
                .param("recent", RECENT_FIRINGS)
                .query((rs, n) -> new FiringOf(
                        rs.getObject("schedule_id", UUID.class),
                        new ScheduleFiringView(
                                requiredInstant(rs, "fire_at"),
                                requiredInstant(rs, "created_at"),
                                rs.getObject("job_id", UUID.class),
                                rs.getString("skipped_reason"))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        FiringOf::scheduleId, Collectors.mapping(FiringOf::firing, Collectors.toList())));
        return schedules.stream()
                .map(schedule -> schedule.withFirings(List.copyOf(firings.getOrDefault(schedule.id(), List.of()))))
                .toList();
    }

    /** Pauses, or resumes with the next firing {@code nextFireAt}; false when there is no such schedule. */
    boolean setPaused(long trainerId, UUID id, boolean paused, @Nullable Instant nextFireAt) {
        return jdbc.sql("""
                update export_schedule set paused = :paused, next_fire_at = coalesce(:nextFireAt, next_fire_at)
                 where id = :id and trainer_id = :trainerId""")
                        .param("id", id)
                        .param("trainerId", trainerId)
                        .param("paused", paused)
                        .param("nextFireAt", nextFireAt == null ? null : utc(nextFireAt))
                        .update()
                == 1;
    }

    boolean delete(long trainerId, UUID id) {
        return jdbc.sql("delete from export_schedule where id = :id and trainer_id = :trainerId")
                        .param("id", id)
                        .param("trainerId", trainerId)
                        .update()
                == 1;
    }

    private static Schedule map(ResultSet rs, int rowNum) throws SQLException {
        ValidExportRequest export = new ValidExportRequest(
                Dataset.byId(rs.getString("dataset")).orElseThrow(),
                rs.getObject("days", Integer.class),
                rs.getBoolean("notify"),
                Compression.byId(rs.getString("compression")).orElse(null),
                ExportOptions.fromJson(rs.getString("options")));
        return new Schedule(
                rs.getObject("id", UUID.class),
                rs.getLong("trainer_id"),
                export,
                rs.getString("cron"),
                ZoneId.of(rs.getString("timezone")),
                rs.getBoolean("paused"),
                requiredInstant(rs, "next_fire_at"),
                requiredInstant(rs, "created_at"),
                instant(rs, "last_fired_at"),
                rs.getObject("last_job_id", UUID.class),
                List.of(),
                rs.getBoolean("since_last_run"),
                instant(rs, "last_window_end"));
    }

    private record FiringOf(UUID scheduleId, ScheduleFiringView firing) {}

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
