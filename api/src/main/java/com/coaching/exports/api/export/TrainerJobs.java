package com.coaching.exports.api.export;

import static com.coaching.exports.shared.job.ExportJobRows.COLUMNS;
import static com.coaching.exports.shared.job.ExportJobRows.requiredInstant;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.view.JobEvent;
import com.coaching.exports.shared.view.JobHistories;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The trainer's side of {@code export_job}: their jobs and their histories, the active-job count
 * and the idempotency keys. The moves are {@link com.coaching.exports.shared.job.JobTransitions}'.
 */
@Repository
class TrainerJobs {

    private final JdbcClient jdbc;
    private final JobHistories histories;

    TrainerJobs(JdbcClient jdbc, JobHistories histories) {
        this.jdbc = jdbc;
        this.histories = histories;
    }

    /** The job if it belongs to the trainer; another trainer's job is as absent as an unknown one. */
    Optional<ExportJob> findByIdForTrainer(UUID id, long trainerId) {
        return jdbc.sql("select " + COLUMNS + " from export_job where id = :id and trainer_id = :trainerId")
                .param("id", id)
                .param("trainerId", trainerId)
                .query(ExportJobRows::map)
                .optional();
    }

    /** A page of the trainer's jobs, newest first. */
    List<ExportJob> pageForTrainer(long trainerId, int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from export_job where trainer_id = :trainerId"
                        + " order by created_at desc, id desc limit :size offset :offset")
                .param("trainerId", trainerId)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(ExportJobRows::map)
                .list();
    }

    long countForTrainer(long trainerId) {
        return jdbc.sql("select count(*) from export_job where trainer_id = :trainerId")
                .param("trainerId", trainerId)
                .query(Long.class)
                .single();
    }

    /** The moves of each job, oldest first, read in one query for a whole page. */
    Map<UUID, List<JobEvent>> histories(Collection<UUID> jobIds) {
        return histories.of(jobIds);
    }

    /** The trainer's job created earlier with this idempotency key, with the hash of its request. */
    Optional<IdempotentRequest> findByIdempotencyKey(long trainerId, String key) {
        return jdbc.sql("""
                select id, request_hash, created_at from export_job
                 where trainer_id = :trainerId and idempotency_key = :key""")
                .param("trainerId", trainerId)
                .param("key", key)
                .query((rs, n) -> new IdempotentRequest(
                        rs.getObject("id", UUID.class),
                        rs.getString("request_hash"),
                        requiredInstant(rs, "created_at")))
                .optional();
    }

    /** Frees a key whose retention ended so that it can name a new request. */
    void forgetIdempotencyKey(UUID jobId) {
        jdbc.sql("update export_job set idempotency_key = null where id = :id")
                .param("id", jobId)
                .update();
    }

    /** An earlier request made with an idempotency key. */
    record IdempotentRequest(UUID jobId, @Nullable String requestHash, Instant createdAt) {}
}
