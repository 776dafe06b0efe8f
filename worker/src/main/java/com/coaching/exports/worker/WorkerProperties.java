package com.coaching.exports.worker;

import com.coaching.exports.shared.retry.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a worker runs its jobs: its name, its leases, its attempts and its shutdown.
 *
 * @param id this worker's name in the jobs it holds; unique per process by default
 * @param progressInterval how often a running job's row count is written and a cancel looked for
 * @param heartbeatInterval how often this worker renews the lease of the jobs it runs, and looks for expired ones
 * @param leaseTimeout how long a job's lease lasts without renewal before another worker takes the job back
 * @param maxAttempts how many times a job is started before it fails with ATTEMPTS_EXHAUSTED
 * @param shutdownGrace how long a stopping worker lets its running jobs finish before it gives them back
 * @param copyReadTimeout how long an export's COPY may wait for PostgreSQL's next row before it fails
 * @param retryFor how long a job may keep waiting for a dependency that fails (the store, a database)
 *     before it fails with the dependency's code
 * @param retryBackoffFirst the longest first wait of a job whose dependency failed; each wait after
 *     doubles it (full jitter: a wait is anything up to it)
 * @param retryBackoffMax the cap of that doubling
 * @param breakerProbeInterval how often an open circuit breaker probes its dependency
 * @param breakerHold how long a running export holds its upload, and a consumer the message it was
 *     given, while a dependency's breaker is open, before the job waits in the queue instead
 * @param xlsxDeflateLevel how hard an XLSX file's zip is compressed, 0 (stored) to 9 (smallest); 1,
 *     the fastest that compresses, by default: the workbook's XML is repetitive and shrinks well even so
 */
@ConfigurationProperties("exports.worker")
public record WorkerProperties(
        String id,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("30s") Duration leaseTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue("10m") Duration copyReadTimeout,
        @DefaultValue("1h") Duration retryFor,
        @DefaultValue("5s") Duration retryBackoffFirst,
        @DefaultValue("5m") Duration retryBackoffMax,
        @DefaultValue("5s") Duration breakerProbeInterval,
        @DefaultValue("2m") Duration breakerHold,
        @DefaultValue("1") int xlsxDeflateLevel) {

    public WorkerProperties {
        if (xlsxDeflateLevel < 0 || xlsxDeflateLevel > 9) {
            throw new IllegalArgumentException(
                    "exports.worker.xlsx-deflate-level must be 0 to 9, not " + xlsxDeflateLevel);
        }
    }

    /** How long a job waits after a dependency failed it, by the waits it had already. */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.exponentialFullJitter(retryBackoffFirst, retryBackoffMax);
    }
}
