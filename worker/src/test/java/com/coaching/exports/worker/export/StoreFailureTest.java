package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.WorkerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** A store that is down: the job fails with a code the client can act on, and leaves no file. */
@WorkerTest
@Import(Jobs.class)
@TestPropertySource(properties = {
        "exports.storage.endpoint=http://127.0.0.1:1", // nothing listens there
        "exports.storage.access-key=key", "exports.storage.secret-key=secret",
        "exports.storage.path-style-access=true"})
@DirtiesContext // its listener must not take the jobs of later tests
class StoreFailureTest {

    @Autowired
    Jobs jobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ExportRunner runner;

    @Test
    void a_job_whose_file_cannot_be_stored_fails_with_a_storage_error() {
        long trainer = new SourceRows(jdbc).trainer("Tess", "Trainer", "tess@example.com");

        ExportJob queued = jobs.insertQueued(trainer, Dataset.TRAINEES, null);

        runner.run(queued.id());

        ExportJob failed = jobs.current(queued.id());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);

        assertThat(failed.error().code()).isEqualTo(JobError.STORAGE_UNAVAILABLE);
        assertThat(failed.error().message()).isNotBlank();
        assertThat(failed.result()).isNull();
        assertThat(failed.finishedAt()).isNotNull();
    }
}
