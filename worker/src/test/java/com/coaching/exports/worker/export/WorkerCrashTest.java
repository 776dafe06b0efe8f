package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** A worker that dies holding a job: the job is requeued and runs again, once, leaving one file. */
@WorkerTest
@Import({Jobs.class, Store.class})
class WorkerCrashTest {

    static final String DEAD_WORKER = "dead-worker";

    @Autowired
    Jobs jobs;

    @Autowired
    JobTransitions transitions;

    @Autowired
    ExportJobRows rows;

    @Autowired
    Leases leases;

    @Autowired
    Store store;

    long trainer;

    @BeforeEach
    void aTrainerWithAPayment() {
        trainer = jobs.sourceRows().trainerWithPayments("Tess", "Trainer", "tess@example.com", 1);
    }

    @Test
    void a_job_whose_worker_died_mid_upload_runs_again_and_ends_with_exactly_one_file() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        String deadKey = jobs.claimedBy(job, DEAD_WORKER).objectKey();
        String deadUpload = store.abandonedUpload(deadKey);
        leases.recordUpload(job.id(), Holder.of(DEAD_WORKER, 1), deadUpload);
        assertThat(store.uploadHoldsParts(deadKey, deadUpload)).isTrue();
        jobs.leaseExpires(job.id());

        ExportJob done = jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);

        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.result().rowCount()).isEqualTo(1);
        assertThat(store.keysOfJob(trainer, job.id()))
                .containsExactly(done.result().objectKey());
        assertThat(store.uploadHoldsParts(deadKey, deadUpload)).isFalse();
    }

    @Test
    void a_worker_that_died_after_storing_its_file_but_before_recording_it_leaves_no_second_file() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        store.put(jobs.claimedBy(job, DEAD_WORKER).objectKey(), "the dead attempt's file");
        jobs.leaseExpires(job.id());

        ExportJob done = jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);

        assertThat(store.keysOfJob(trainer, job.id()))
                .containsExactly(done.result().objectKey());
    }

    @Test
    void a_job_that_used_up_its_attempts_fails_with_attempts_exhausted() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        jobs.claimedBy(job, DEAD_WORKER);
        jobs.startedTimes(job.id(), 3);
        jobs.leaseExpires(job.id());

        ExportJob failed = jobs.awaitStatus(job.id(), JobStatus.FAILED);

        assertThat(failed.error().code()).isEqualTo(JobError.ATTEMPTS_EXHAUSTED);
        assertThat(store.keysOfJob(trainer, job.id())).isEmpty();
    }

    @Test
    void a_job_cancelled_while_its_worker_was_dead_ends_cancelled() {
        ExportJob job = jobs.claimedBy(jobs.insertQueued(trainer, Dataset.TRAINEES, null), DEAD_WORKER);
        transitions.requestCancel(job.id());
        jobs.leaseExpires(job.id());

        ExportJob cancelled = jobs.awaitStatus(job.id(), JobStatus.CANCELLED);

        assertThat(cancelled.attempts()).isEqualTo(1);
        assertThat(store.keysOfJob(trainer, job.id())).isEmpty();
    }

    @Test
    void of_many_workers_claiming_one_job_at_once_exactly_one_wins() throws Exception {
        UUID id = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30).id();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> claims = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> workers.submit(() -> {
                        start.await();
                        return transitions.claim(id, "racer-" + i, Instant.now());
                    }))
                    .toList();
            start.countDown();
            long winners = 0;
            for (Future<Boolean> claim : claims) {
                winners += claim.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            workers.shutdownNow();
        }
    }
}
