package com.coaching.exports.worker.schedule;

import static com.coaching.exports.shared.job.ExportJobRows.instant;
import static com.coaching.exports.shared.job.ExportJobRows.requiredInstant;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.ExportOptions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's queries of {@code export_schedule}: take one due schedule under a row lock, record a
 * firing, move the schedule to its next firing. All three run in the firing's one transaction.
 */
@Repository
class DueSchedules {

    private final JdbcClient jdbc;

    DueSchedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The earliest schedule due at {@code now} ({@link FiringTimes}: its firing time, or its next try
     * when its trainer's limit held a firing back), not paused and not in {@code skip}, locked until
     * the transaction ends; a schedule another worker is firing right now is skipped, not waited for.
     */
    Optional<DueSchedule> takeOne(Instant now, Collection<UUID> skip) {
        return jdbc.sql("""
                select id, trainer_id, dataset, days, notify, compression, options, cron, timezone, next_fire_at,
                       retry_at, since_last_run, last_window_end
                  from export_schedule
                 where not paused and greatest(next_fire_at, retry_at) <= :now and not (id = any(:skip))
                 order by greatest(next_fire_at, retry_at)
                 limit 1
                   for update skip locked""")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("skip", skip.toArray(UUID[]::new))
                .query(DueSchedules::map)
                .optional();
    }

    /**
     * Records that the schedule's firing at {@code fireAt} made job {@code jobId}; it replaces that
     * firing's record of an earlier try that was held back.
     *
     * @return false when that firing was already recorded (it made its job before): make no other
     */
    boolean recordFiring(UUID scheduleId, Instant fireAt, UUID jobId, Instant now) {
        return jdbc.sql("""
                insert into export_schedule_firing (schedule_id, fire_at, job_id, created_at)
                values (:scheduleId, :fireAt, :jobId, :now)
                on conflict (schedule_id, fire_at) do update
                   set job_id = excluded.job_id, skipped_reason = null, created_at = excluded.created_at
                 where export_schedule_firing.job_id is null""")
                        .param("scheduleId", scheduleId)
                        .param("fireAt", fireAt.atOffset(ZoneOffset.UTC))
                        .param("jobId", jobId)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    /**
     * Turns the firing just recorded into one held back ({@code reason}, no job), and has the
     * schedule tried again at {@code retryAt}; its firing time stays due.
     */
    void holdBack(UUID scheduleId, Instant fireAt, String reason, Instant retryAt) {
        jdbc.sql("""
                update export_schedule_firing set job_id = null, skipped_reason = :reason
                 where schedule_id = :scheduleId and fire_at = :fireAt""")
                .param("scheduleId", scheduleId)
                .param("fireAt", fireAt.atOffset(ZoneOffset.UTC))
                .param("reason", reason)
                .update();
        jdbc.sql("update export_schedule set retry_at = :retryAt where id = :id")
                .param("id", scheduleId)
                .param("retryAt", retryAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Forgets the schedule's firings before {@code before}: the key only has to outlive any setting
     * back of {@code next_fire_at} (a restore), and a schedule that fires every minute must not
     * grow the table for ever.
     */
    void forgetFiringsBefore(UUID scheduleId, Instant before) {
        jdbc.sql("delete from export_schedule_firing where schedule_id = :scheduleId and fire_at < :before")
                .param("scheduleId", scheduleId)
                .param("before", before.atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Moves the schedule on to {@code next}, remembering the firing and its job when one was made, and
     * the end of the window handed to that job when it has one ({@code sinceLastRun}).
     */
    void advance(
            UUID scheduleId,
            Instant next,
            @Nullable Instant firedAt,
            @Nullable UUID jobId,
            @Nullable Instant windowEnd) {
        jdbc.sql("""
                update export_schedule
                   set next_fire_at = :next,
                       retry_at = null,
                       last_fired_at = coalesce(:firedAt, last_fired_at),
                       last_job_id = coalesce(:jobId, last_job_id),
                       last_window_end = coalesce(:windowEnd, last_window_end)
                 where id = :id""")
                .param("id", scheduleId)
                .param("next", next.atOffset(ZoneOffset.UTC))
                .param("firedAt", utc(firedAt))
                .param("jobId", jobId)
                .param("windowEnd", utc(windowEnd))
                .update();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static DueSchedule map(ResultSet rs, int rowNum) throws SQLException {
        return new DueSchedule(
                rs.getObject("id", UUID.class),
                rs.getLong("trainer_id"),
                Dataset.byId(rs.getString("dataset")).orElseThrow(),
                rs.getObject("days", Integer.class),
                rs.getBoolean("notify"),
                Compression.byId(rs.getString("compression")).orElse(null),
                ExportOptions.fromJson(rs.getString("options")),
                rs.getString("cron"),
                ZoneId.of(rs.getString("timezone")),
                new FiringTimes(requiredInstant(rs, "next_fire_at"), instant(rs, "retry_at")),
                rs.getBoolean("since_last_run"),
                instant(rs, "last_window_end"));
    }

    /**
     * A due schedule: its export request as stored, its cron and zone, and the firing that is due;
     * with {@code sinceLastRun}, the end of the last window handed to a job ({@code null} before the first).
     */
    record DueSchedule(
            UUID id,
            long trainerId,
            Dataset dataset,
            @Nullable Integer days,
            boolean notifyByEmail,
            @Nullable Compression compression,
            ExportOptions options,
            String cron,
            ZoneId timezone,
            FiringTimes times,
            boolean sinceLastRun,
            @Nullable Instant lastWindowEnd) {

        Instant nextFireAt() {
            return times.nextFireAt();
        }
    }
}
