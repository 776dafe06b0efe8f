package com.coaching.exports.worker.lease;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.export.JobOutcomes;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
import com.coaching.exports.worker.export.Leases;
import com.coaching.exports.worker.export.Leases.ExpiredLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Requeues the jobs of workers that died (their lease expired), or fails them once they used up
 * their attempts, or cancels them if a cancel was asked for. Every worker runs it; the
 * move is one guarded update naming the dead worker, its attempt and the expired heartbeat, so one
 * sweeper wins per job, and only the winner then removes what the dead attempt left in the store.
 */
@Component
class LeaseSweeper implements HousekeepingTask {

    private static final int BATCH = 50;

    private final Leases leases;
    private final ExportJobRows rows;
    private final FileCleanup files;
    private final JobOutcomes outcomes;
    private final WorkerProperties properties;
    private final Clock clock;

    LeaseSweeper(
            Leases leases,
            ExportJobRows rows,
            FileCleanup files,
            JobOutcomes outcomes,
            WorkerProperties properties,
            Clock clock) {
        this.leases = leases;
        this.rows = rows;
        this.files = files;
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "lease sweep";
    }

    @Override
    public Duration interval() {
        return properties.heartbeatInterval();
    }

    @Override
    public void runOnce() {
        sweep();
    }

    void sweep() {
        Instant expiredBefore = expiry().expiredBefore(clock);
        for (ExpiredLease lease : leases.expiredLeases(expiredBefore, BATCH)) {
            rows.findById(lease.id()).ifPresent(job -> requeueOrFail(job, lease, expiredBefore));
        }
    }

    /**
     * Requeues the job of a dead worker, or fails it once it used up its attempts; a cancel asked
     * for wins over both. Only the sweeper whose move happened removes what the dead attempt left.
     */
    void requeueOrFail(ExportJob job, ExpiredLease lease, Instant expiredBefore) {
        Holder dead = Holder.expired(lease.workerId(), lease.attempts(), expiredBefore);
        Settled settled = switch (expiry().fateAfter(lease.attempts(), job.waits())) {
            case GIVE_UP -> outcomes.fail(job, dead, attemptsExhausted(lease.attempts(), job.waits()));
            case REQUEUE -> outcomes.requeue(job, dead, "lease of worker " + lease.workerId() + " expired");
        };
        if (settled != Settled.NOT_HELD) { // else renewed, finished or requeued by another sweeper meanwhile
            removeDeadAttempt(job, lease);
        }
    }

    private LeaseExpiry expiry() {
        return new LeaseExpiry(properties.leaseTimeout(), properties.maxAttempts());
    }

    private static JobError attemptsExhausted(int attempts, int waits) {
        return new JobError(
                JobError.ATTEMPTS_EXHAUSTED,
                "The export was started " + LeaseExpiry.crashes(attempts, waits)
                        + " times and never finished. Please try again.");
    }

    /**
     * Aborts the dead attempt's multipart upload and removes what it may have stored (it can die
     * after its file was stored and before the job recorded it): each attempt has a key of its own,
     * so this never touches another attempt's file. What the store fails to do is queued and retried.
     */
    private void removeDeadAttempt(ExportJob job, ExpiredLease lease) {
        String key = job.objectKey(lease.attempts());
        if (lease.uploadId() != null) {
            files.abort(key, lease.uploadId());
        }
        files.remove(key);
    }
}
