package com.coaching.exports.worker.storage;

import com.coaching.exports.shared.job.JobStatus;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the jobs in {@code export_job} hold in the store: a succeeded job's file, a running attempt's
 * file and upload. Anything else under the service's prefix belongs to no one.
 */
@Repository
class LiveFiles {

    /** Its own key space (two 32-bit keys), apart from the per-trainer locks (one 64-bit key). */
    private static final int LOCK_SPACE = 0x4558504f; // "EXPO"

    private static final int RECONCILER_LOCK = 1;

    private final JdbcClient jdbc;

    LiveFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the reconciler's lock until the transaction ends; false when another worker holds it. */
    boolean lockReconciler() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:space, :lock)")
                .param("space", LOCK_SPACE)
                .param("lock", RECONCILER_LOCK)
                .query(Boolean.class)
                .single());
    }

    /** The jobs among {@code jobIds} that still exist, by id: one query for a page of keys. */
    Map<UUID, JobFiles> of(Collection<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select id, status, attempts, object_key, upload_id from export_job where id in (:ids)")
                .param("ids", jobIds)
                .query((rs, n) -> new JobFiles(
                        rs.getObject("id", UUID.class),
                        JobStatus.valueOf(rs.getString("status")),
                        rs.getInt("attempts"),
                        rs.getString("object_key"),
                        rs.getString("upload_id")))
                .list()
                .stream()
                .collect(Collectors.toMap(JobFiles::id, Function.identity()));
    }

    /** A job's hold on the store. */
    record JobFiles(UUID id, JobStatus status, int attempts, String objectKey, String uploadId) {

        /**
         * The object is the succeeded job's file, or the running attempt's (stored, the job not yet
         * told): every other attempt's file belongs to no one.
         */
        boolean holds(String key, AttemptKey attempt) {
            return switch (status) {
                case SUCCEEDED -> key.equals(objectKey);
                case RUNNING -> attempt.attempt() == attempts;
                default -> false;
            };
        }

        /** The upload is the one the running attempt has open. */
        boolean holdsUpload(String upload) {
            return status == JobStatus.RUNNING && Objects.equals(upload, uploadId);
        }
    }
}
