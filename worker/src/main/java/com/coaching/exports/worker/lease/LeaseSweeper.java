package com.coaching.exports.worker.lease;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.shared.job.ExportJobRepository.ExpiredLease;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.export.JobOutcomes;
import com.coaching.exports.worker.export.JobReturner;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes back the jobs of workers that died (their lease expired): aborts the dead attempt's
 * upload, then queues the job again, or fails it once it used up its attempts, or cancels it if a
 * cancel was asked for. Every worker runs it; the guarded updates let one win per job.
 */
@Component
class LeaseSweeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);
    private static final int BATCH = 50;

    private final ExportJobRepository jobs;
    private final FileCleanup files;
    private final JobReturner returner;
    private final JobOutcomes outcomes;
    private final WorkerProperties properties;
    private final Clock clock;

    LeaseSweeper(ExportJobRepository jobs, FileCleanup files, JobReturner returner, JobOutcomes outcomes,
            WorkerProperties properties, Clock clock) {
        this.jobs = jobs;
        this.outcomes = outcomes;
        this.files = files;
        this.returner = returner;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${exports.worker.heartbeat-interval:5s}")
    void sweep() {
        try {
            Instant now = clock.instant();
            for (ExpiredLease lease : jobs.expiredLeases(now.minus(properties.leaseTimeout()), BATCH)) {
                takeBack(lease, now);
            }
        } catch (DataAccessException e) {
            log.warn("lease sweep skipped: {}", e.getMessage());
        }
    }

    private void takeBack(ExpiredLease lease, Instant now) {
        ExportJob job = jobs.findById(lease.id()).orElse(null);
        if (job == null) {
            return;
        }
        removeDeadAttempt(job, lease);
        if (lease.cancelRequested()) {
            if (outcomes.cancel(job, lease.workerId())) {
                log.info("job cancelled job={} trainer={} dataset={} reason=\"worker {} stopped\"", job.id(),
                        job.trainerId(), job.dataset().id(), lease.workerId());
            }
        } else if (lease.attempts() >= properties.maxAttempts()) {
            var error = new JobError(JobError.ATTEMPTS_EXHAUSTED,
                    "The export was started " + lease.attempts() + " times and never finished. Please try again.");
            if (outcomes.fail(job, lease.workerId(), error)) {
                log.info("job failed job={} trainer={} dataset={} code={} attempts={}", job.id(), job.trainerId(),
                        job.dataset().id(), error.code(), lease.attempts());
            }
        } else if (returner.requeue(job, lease.workerId())) {
            log.info("job requeued job={} trainer={} dataset={} attempts={} reason=\"lease of worker {} expired\"",
                    job.id(), job.trainerId(), job.dataset().id(), lease.attempts(), lease.workerId());
        }
    }

    /**
     * Aborts the dead attempt's multipart upload and removes what it may have stored (it can die
     * after its file was stored and before the job recorded it): each attempt has a key of its own,
     * so this never touches another attempt's file.
     */
    private void removeDeadAttempt(ExportJob job, ExpiredLease lease) {
        // what the store fails to remove now is queued and tried again (FileCleanup)
        if (lease.uploadId() != null) {
            files.abort(job.objectKey(), lease.uploadId());
        }
        files.remove(job.objectKey());
    }
}
