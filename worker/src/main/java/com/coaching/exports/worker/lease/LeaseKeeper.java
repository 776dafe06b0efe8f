package com.coaching.exports.worker.lease;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.worker.WorkerIdentity;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.export.Leases;
import com.coaching.exports.worker.export.RunningJobs;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of the jobs this worker's threads run now, apart from the rows flowing: a job
 * whose query takes a while before its first row is still alive. A job that is RUNNING under this
 * worker's name but run by no thread here (its outcome could not be recorded) is not renewed, so
 * the lease sweeper requeues it.
 */
@Component
class LeaseKeeper implements HousekeepingTask {

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
    public String name() {
        return "lease renewal";
    }

    @Override
    public Duration interval() {
        return properties.heartbeatInterval();
    }

    @Override
    public void runOnce() {
        renew();
    }

    void renew() {
        jobs.heartbeat(worker.id(), running.jobs(), clock.instant());
    }
}
