package com.coaching.exports.worker.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.export.JobOutcomes;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
import com.coaching.exports.worker.export.Leases;
import com.coaching.exports.worker.export.Leases.ExpiredLease;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * A sweeper that saw an expired lease wins only if the lease is still expired and the attempt
 * still running when it moves the job; only then does it touch the store.
 */
@WorkerTest
@Import({Jobs.class, Store.class})
class ExpiredLeaseTest {

    static final String SLOW_WORKER = "slow-but-alive";

    @Autowired
    LeaseSweeper sweeper;

    @Autowired
    JobOutcomes outcomes;

    @Autowired
    JobTransitions transitions;

    @Autowired
    Leases leases;

    @Autowired
    Jobs jobs;

    @Autowired
    Store store;

    long trainer;
    ExportJob running;

    @BeforeEach
    void aJobRunningOnASlowWorker() {
        trainer = jobs.sourceRows().trainer("Sven", "Sweep", "sven@example.com");
        running = jobs.claimedBy(jobs.insertQueued(trainer, Dataset.TRAINEES, null), SLOW_WORKER);
    }

    @Test
    void a_job_that_succeeded_after_the_sweeper_saw_its_lease_expire_keeps_its_file() {
        ExpiredLease seen = new ExpiredLease(running.id(), SLOW_WORKER, null, 1, false);
        Instant expiredBefore = Instant.now().plusSeconds(60);
        store.put(running.objectKey(), "the slow worker's file");
        var result = new JobResult(running.fileName(), running.objectKey(), 1, 22, "00", running.contentType(), null);
        assertThat(outcomes.succeed(running, Holder.of(SLOW_WORKER, 1), result)).isEqualTo(Settled.MOVED);

        sweeper.requeueOrFail(running, seen, expiredBefore);

        assertThat(jobs.current(running.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.keysOfJob(trainer, running.id())).containsExactly(running.objectKey());
    }

    @Test
    void a_lease_renewed_after_the_sweeper_looked_is_not_requeued() {
        ExpiredLease seen = new ExpiredLease(running.id(), SLOW_WORKER, null, 1, false);
        Instant expiredBefore = Instant.now();
        leases.heartbeat(SLOW_WORKER, Set.of(running.id()), Instant.now().plusSeconds(1));

        sweeper.requeueOrFail(running, seen, expiredBefore);

        ExportJob now = jobs.current(running.id());
        assertThat(now.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(now.attempts()).isEqualTo(1);
    }

    @Test
    void a_lease_still_expired_is_requeued_by_the_sweeper() {
        ExpiredLease seen = new ExpiredLease(running.id(), SLOW_WORKER, null, 1, false);
        store.put(running.objectKey(), "what the dead attempt stored");

        sweeper.requeueOrFail(running, seen, Instant.now().plusSeconds(60));

        assertThat(jobs.awaitStatus(running.id(), JobStatus.SUCCEEDED).attempts())
                .isEqualTo(2);
        assertThat(store.keysOfJob(trainer, running.id()))
                .containsExactly(jobs.current(running.id()).result().objectKey());
    }
}
