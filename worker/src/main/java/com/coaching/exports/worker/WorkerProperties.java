package com.coaching.exports.worker;

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
 */
@ConfigurationProperties("exports.worker")
public record WorkerProperties(
        String id,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("30s") Duration leaseTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue("10m") Duration copyReadTimeout) {}
