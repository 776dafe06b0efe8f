package com.coaching.exports.api.export;

import com.coaching.exports.api.export.ExportRequest.ValidExportRequest;
import com.coaching.exports.api.export.TrainerJobs.IdempotentRequest;
import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.creation.JobCreation;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.job.Move;
import com.coaching.exports.shared.metrics.JobMetrics;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.shared.view.JobEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, finds, cancels and deletes a trainer's export jobs. */
@Service
public class ExportJobService {

    private static final Logger log = LoggerFactory.getLogger(ExportJobService.class);
    static final Duration IDEMPOTENCY_KEY_RETENTION = Duration.ofHours(24);

    private final TrainerJobs jobs;
    private final JobCreation creation;
    private final JobTransitions transitions;
    private final TransactionTemplate transactions;
    private final JobMetrics metrics;
    private final FileCleanup fileCleanup;
    private final Clock clock;

    public ExportJobService(
            TrainerJobs jobs,
            JobCreation creation,
            JobTransitions transitions,
            TransactionTemplate transactions,
            FileCleanup fileCleanup,
            Clock clock,
            JobMetrics metrics) {
        this.jobs = jobs;
        this.creation = creation;
        this.transitions = transitions;
        this.fileCleanup = fileCleanup;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A new job or, for a repeated idempotency key, the job the key made first. */
    public Created create(TrainerId trainer, ValidExportRequest request, @Nullable String idempotencyKey) {
        String hash = null;
        if (idempotencyKey != null) {
            hash = sha256(request.fingerprint());
            Optional<ExportJob> earlier = earlierRequest(trainer, idempotencyKey, hash);
            if (earlier.isPresent()) {
                return new Created(earlier.get(), true);
            }
        }
        ExportJob requested = ExportJob.queued(
                UUID.randomUUID(),
                trainer.value(),
                request.dataset(),
                request.days(),
                request.notifyByEmail(),
                request.compression(),
                request.options(),
                clock.instant());
        Optional<ExportJob> created;
        try {
            created = creation.create(requested, idempotencyKey, hash);
        } catch (DuplicateKeyException raced) {
            // the same key arrived twice at once: the other request made the job
            if (idempotencyKey == null || hash == null) {
                throw raced;
            }
            return new Created(earlierRequest(trainer, idempotencyKey, hash).orElseThrow(() -> raced), true);
        }
        return new Created(created.orElseThrow(this::tooManyActiveJobs), false);
    }

    private ApiException tooManyActiveJobs() {
        return new ApiException(
                ProblemType.TOO_MANY_ACTIVE_JOBS,
                "You have " + creation.maxActiveJobs()
                        + " exports queued or running; wait until one finishes, or cancel one.");
    }

    public ExportJob find(TrainerId trainer, UUID id) {
        return jobs.findByIdForTrainer(id, trainer.value())
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "No export " + id + " was found."));
    }

    public List<ExportJob> page(TrainerId trainer, int page, int size) {
        return jobs.pageForTrainer(trainer.value(), page, size);
    }

    public long count(TrainerId trainer) {
        return jobs.countForTrainer(trainer.value());
    }

    /** The moves of each of these jobs, oldest first; a job without any has no entry. */
    Map<UUID, List<JobEvent>> histories(Collection<UUID> jobIds) {
        return jobs.histories(jobIds);
    }

    /** Cancels a queued job at once; asks the worker to stop a running one. */
    public ExportJob cancel(TrainerId trainer, UUID id) {
        ExportJob job = find(trainer, id);
        if (!job.status().canMoveTo(JobStatus.CANCELLED)) {
            throw alreadyEnded(job);
        }
        if (job.status() == JobStatus.QUEUED && transitions.cancelQueued(id, clock.instant())) {
            metrics.moved(Move.CANCEL_QUEUED, job, JobTransitions.CANCELLED_BY_TRAINER, null);
            return find(trainer, id);
        }
        // it may have started meanwhile
        if (transitions.requestCancel(id)) {
            log.info(
                    "job cancel requested job={} trainer={} dataset={}",
                    id,
                    trainer,
                    job.dataset().id());
            return find(trainer, id);
        }
        throw alreadyEnded(find(trainer, id));
    }

    private static ApiException alreadyEnded(ExportJob job) {
        return new ApiException(
                ProblemType.JOB_STATE_CONFLICT,
                "The export is already " + job.status() + " and can no longer be cancelled.");
    }

    /**
     * Removes the job and, once that committed, its file: the file's removal is recorded with the
     * job's, so it is retried until the store confirms it. A running job is told to stop and leaves
     * nothing behind (its worker removes what it wrote when it finds the job gone).
     */
    public void delete(TrainerId trainer, UUID id) {
        ExportJob job = find(trainer, id);
        if (job.status() == JobStatus.RUNNING) {
            transitions.requestCancel(id);
        }
        transactions.executeWithoutResult(
                tx -> transitions.deleteReturningObjectKey(id).ifPresent(fileCleanup::removeAfterCommit));
        log.info(
                "job deleted job={} trainer={} dataset={} status={}",
                id,
                trainer,
                job.dataset().id(),
                job.status());
    }

    private Optional<ExportJob> earlierRequest(TrainerId trainer, String key, String hash) {
        Optional<IdempotentRequest> earlier = jobs.findByIdempotencyKey(trainer.value(), key);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        IdempotentRequest request = earlier.get();
        if (request.createdAt().isBefore(clock.instant().minus(IDEMPOTENCY_KEY_RETENTION))) {
            jobs.forgetIdempotencyKey(request.jobId());
            return Optional.empty();
        }
        if (!hash.equals(request.requestHash())) {
            throw new ApiException(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request in the last 24 hours.");
        }
        return jobs.findByIdForTrainer(request.jobId(), trainer.value());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job a create call answers with, and whether an earlier request made it. */
    public record Created(ExportJob job, boolean replayed) {}
}
