package com.coaching.exports.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** A mail server that is down delays the mail, never the export. */
@WorkerTest
@Import(Jobs.class)
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=1"})
@DirtiesContext
class MailServerDownTest {

    @Autowired
    Jobs jobs;

    @Autowired
    com.coaching.exports.worker.export.ExportRunner runner;

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_export_succeeds_and_its_mail_waits_to_be_tried_again_later() {
        long trainer = new SourceRows(jdbc).trainer("Tess", "Trainer", "tess@example.com");
        ExportJob job = jobs.insertQueued(trainer, Dataset.TRAINEES, null, true);

        runner.run(job.id());

        assertThat(jobs.current(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mailRow(job).get("attempts").equals(1));
        Map<String, Object> mail = mailRow(job);
        assertThat(mail.get("sent_at")).isNull();
        assertThat((String) mail.get("last_error")).isNotBlank();
        assertThat(((java.sql.Timestamp) mail.get("next_attempt_at")).toInstant())
                .isAfter(Instant.now());
        assertThat(jobs.current(job.id()).attempts()).isEqualTo(1);
    }

    private Map<String, Object> mailRow(ExportJob job) {
        return jdbc.sql("select attempts, sent_at, last_error, next_attempt_at from export_mail where job_id = :id")
                .param("id", job.id())
                .query()
                .singleRow();
    }
}
