package com.coaching.exports.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Files are kept for the retention period (7 days), then removed; the job stays, EXPIRED. */
@WorkerTest
@Import({Jobs.class, Store.class})
class RetentionTest {

    @Autowired
    Jobs jobs;

    @Autowired
    RetentionSweeper sweeper;

    @Autowired
    Store store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_file_is_kept_for_seven_days_then_removed_and_its_job_expires_keeping_its_result() {
        long trainer = new SourceRows(jdbc).trainer("Tess", "Trainer", "tess@example.com");
        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.TRAINEES, null).id(), JobStatus.SUCCEEDED);

        sweeper.expireAsOf(Instant.now().plus(Duration.ofDays(6)));
        assertThat(jobs.current(done.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.keysOfJob(trainer, done.id())).hasSize(1);

        sweeper.expireAsOf(Instant.now().plus(Duration.ofDays(7)).plusSeconds(1));

        ExportJob expired = jobs.current(done.id());
        assertThat(expired.status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(expired.result()).isEqualTo(done.result());
        assertThat(store.keysOfJob(trainer, done.id())).isEmpty();
    }
}
