package com.coaching.exports.api.events;

import com.coaching.exports.shared.job.ExportJobRows;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a trainer's job with its version in one statement, so the two always belong together. */
@Repository
class JobVersions {

    private final JdbcClient jdbc;

    JobVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<VersionedJob> find(UUID id, long trainerId) {
        return jdbc.sql("select version, " + ExportJobRows.COLUMNS
                        + " from export_job where id = :id and trainer_id = :trainerId")
                .param("id", id)
                .param("trainerId", trainerId)
                .query((rs, n) -> new VersionedJob(rs.getLong("version"), ExportJobRows.map(rs, n)))
                .optional();
    }
}
