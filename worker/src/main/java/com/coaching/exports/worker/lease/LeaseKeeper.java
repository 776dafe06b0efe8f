package com.coaching.exports.worker.lease;

import com.coaching.exports.worker.WorkerIdentity;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.export.Leases;
import com.coaching.exports.worker.export.RunningJobs;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of the jobs this worker's threads run now, apart from the rows flowing: a job
 * whose query takes a while before its first row is still alive. A job that is RUNNING under this
 * worker's name but run by no thread here (its outcome could not be recorded) is not renewed, so
 * the lease sweeper requeues it.
 */
@Component
class LeaseKeeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Leases jobs;
    private final WorkerIdentity worker;
    private final RunningJobs running;
    private final Clock clock;
    private final WorkerProperties properties;

    LeaseKeeper(Leases jobs, WorkerIdentity worker, RunningJobs running, Clock clock, WorkerProperties properties) {
        this.jobs = jobs;
        this.running = running;
        this.worker = worker;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::renew, properties.heartbeatInterval());
    }

    void renew() {
        try {
            jobs.heartbeat(worker.id(), running.jobs(), clock.instant());
        } catch (DataAccessException e) {
            log.warn("lease not renewed worker={}: {}", worker.id(), e.getMessage());
        }
    }
}
