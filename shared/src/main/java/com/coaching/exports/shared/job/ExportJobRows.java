package com.coaching.exports.shared.job;

import com.coaching.exports.shared.dataset.Dataset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code export_job} row as both sides read it: its columns, their mapping to {@link ExportJob},
 * and the read by id. The trainer's queries live in the api, the leases and progress in the worker,
 * the moves between states in {@link JobTransitions}.
 */
@Repository
public class ExportJobRows {

    /** The columns {@link #map} reads, for a {@code select} of whole jobs. */
    public static final String COLUMNS = """
            id, trainer_id, dataset, days, notify, status, created_at, started_at, finished_at,
            rows_written, estimated_rows, cancel_requested, attempts, file_name, object_key, row_count,
            size_bytes, sha256, content_type, error_code, error_message, compression, lane, options, retry_at,
            failing_since, waits, data_as_of, traceparent""";

    private final JdbcClient jdbc;

    public ExportJobRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ExportJob> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from export_job where id = :id")
                .param("id", id)
                .query(ExportJobRows::map)
                .optional();
    }

    /** A row of {@link #COLUMNS} as the job it stores. */
    public static ExportJob map(ResultSet rs, int rowNum) throws SQLException {
        JobStatus status = JobStatus.valueOf(rs.getString("status"));
        String fileName = rs.getString("file_name");
        JobResult result = fileName == null
                ? null
                : new JobResult(
                        fileName,
                        rs.getString("object_key"),
                        rs.getLong("row_count"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        rs.getString("content_type"),
                        instant(rs, "data_as_of"));
        String errorCode = rs.getString("error_code");
        JobError error = errorCode == null ? null : new JobError(errorCode, rs.getString("error_message"));
        return new ExportJob(
                rs.getObject("id", UUID.class),
                rs.getLong("trainer_id"),
                Dataset.byId(rs.getString("dataset")).orElseThrow(),
                rs.getObject("days", Integer.class),
                rs.getBoolean("notify"),
                status,
                requiredInstant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getLong("rows_written"),
                rs.getObject("estimated_rows", Long.class),
                rs.getBoolean("cancel_requested"),
                rs.getInt("attempts"),
                result,
                error,
                Compression.byId(rs.getString("compression")).orElse(null),
                Lane.byId(rs.getString("lane")),
                ExportOptions.fromJson(rs.getString("options")),
                instant(rs, "retry_at"),
                instant(rs, "failing_since"),
                rs.getInt("waits"),
                rs.getString("traceparent"));
    }

    /** The instant in a {@code not null} column. */
    public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(instant(rs, column), column);
    }

    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** How an instant is bound to a {@code timestamptz} parameter. */
    public static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
