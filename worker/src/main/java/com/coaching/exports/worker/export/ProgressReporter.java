package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.Holder;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a running job's row count (and so renews its lease) about once per interval, not once a
 * row, and stops the export when the job was cancelled or is no longer this worker's.
 */
final class ProgressReporter {

    /** Rows between looks at the clock: cheap enough per row, often enough for a 1 s interval. */
    private static final int CHECK_EVERY_ROWS = 1024;

    private final Leases jobs;
    private final Clock clock;
    private final UUID jobId;
    private final Holder holder;
    private final long intervalNanos;
    private final RunningJobs runningJobs;
    private long lastReport = System.nanoTime();
    private long rows;

    ProgressReporter(Leases jobs, Clock clock, UUID jobId, Holder holder, Duration interval, RunningJobs runningJobs) {
        this.jobs = jobs;
        this.runningJobs = runningJobs;
        this.clock = clock;
        this.jobId = jobId;
        this.holder = holder;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Called after each row; throws {@link ExportCancelled}, {@link JobLost} or {@link ExportStopped}
     * to stop the export.
     */
    void rowsWritten(long rows) {
        this.rows = rows;
        if (rows % CHECK_EVERY_ROWS != 0) {
            return;
        }
        check();
    }

    /**
     * Writes the row count and renews the lease once the interval has passed, and stops the export
     * as {@link #rowsWritten} does: for a job that waits for its store rather than writing rows.
     */
    void check() {
        if (runningJobs.mustStop()) {
            throw new ExportStopped();
        }
        long now = System.nanoTime();
        if (now - lastReport < intervalNanos) {
            return;
        }
        lastReport = now;
        Optional<Boolean> cancelRequested = jobs.recordProgress(jobId, holder, rows, clock.instant());
        if (cancelRequested.isEmpty()) {
            throw new JobLost();
        }
        if (cancelRequested.get()) {
            throw new ExportCancelled();
        }
    }
}
