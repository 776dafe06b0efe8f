package com.coaching.exports.worker.lease;

import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.worker.WorkerIdentity;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Renews the lease of every job this worker runs, apart from the rows flowing: a job whose query
 * takes a while before its first row is still alive.
 */
@Component
class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final ExportJobRepository jobs;
    private final WorkerIdentity worker;
    private final Clock clock;

    LeaseKeeper(ExportJobRepository jobs, WorkerIdentity worker, Clock clock) {
        this.jobs = jobs;
        this.worker = worker;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${exports.worker.heartbeat-interval:5s}")
    void renew() {
        try {
            jobs.heartbeat(worker.id(), clock.instant());
        } catch (DataAccessException e) {
            log.warn("lease not renewed worker={}: {}", worker.id(), e.getMessage());
        }
    }
}
