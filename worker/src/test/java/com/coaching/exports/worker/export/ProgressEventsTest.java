package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.testkit.JobChangesHeard;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Progress is part of the job's JSON, so writing it bumps the job's version and tells the API's
 * event streams, from the same statement; a write that is no longer the attempt's tells nothing.
 */
@WorkerTest
@Import(Jobs.class)
class ProgressEventsTest {

    @Autowired
    Jobs jobs;

    @Autowired
    Leases leases;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void writing_progress_bumps_the_version_and_notifies_it_and_a_lost_attempt_notifies_nothing() {
        ExportJob job = jobs.claimedBy(jobs.insertQueued(1L, Dataset.TRAINEES, null), "progress-worker");
        long claimed = version(job);

        try (JobChangesHeard heard = new JobChangesHeard(dataSource)) {
            leases.recordProgress(job.id(), Holder.of("progress-worker", 1), 1024, Instant.now());
            leases.recordProgress(job.id(), Holder.of("another-worker", 1), 2048, Instant.now());

            assertThat(version(job)).isEqualTo(claimed + 1);
            assertThat(heard.payloads(Duration.ofSeconds(2)))
                    .filteredOn(payload -> payload.startsWith(job.id().toString()))
                    .containsExactly(job.id() + ":" + (claimed + 1));
        }
    }

    long version(ExportJob job) {
        return jdbc.sql("select version from export_job where id = :id")
                .param("id", job.id())
                .query(Long.class)
                .single();
    }
}
