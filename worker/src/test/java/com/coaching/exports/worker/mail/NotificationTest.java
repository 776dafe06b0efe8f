package com.coaching.exports.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.support.Inbox;
import com.coaching.exports.worker.support.Inbox.ReceivedMail;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** A trainer who asked to be told gets exactly one mail when the export ends; others get none. */
@WorkerTest
@Import(Jobs.class)
class NotificationTest {

    @Autowired
    Jobs jobs;

    long trainer;
    String email;

    @BeforeEach
    void aTrainerWithPayments() {
        SourceRows rows = jobs.sourceRows();
        trainer = rows.trainerWithPayments("Tess", "Trainer", "tess@example.com", 3);
        email = rows.email("tess@example.com");
    }

    @Test
    void a_finished_export_is_mailed_once_with_its_rows_size_and_link_even_when_its_message_comes_again() {
        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30, true).id(), JobStatus.SUCCEEDED);

        ReceivedMail mail = awaitOneMail();
        jobs.sendAgain(done.id());

        assertThat(mail.subject())
                .isEqualTo("Your payments export is ready: 3 rows, "
                        + done.result().sizeBytes() + " bytes");
        // one id per job, so a mail sent again after a worker crash folds into the first in mail clients
        assertThat(mail.messageId()).isEqualTo("<export-" + done.id() + "@coaching.example>");
        assertThat(mail.text()).contains("3 rows").contains(done.result().fileName());
        assertThat(mail.html()).contains("<a href=\"").contains(done.result().fileName());
        assertThat(mail.link())
                .contains("/api/v1/exports/" + done.id() + "/file?expires=")
                .contains("&signature=");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> Inbox.of(email).size() == 1);
    }

    @Test
    void an_export_that_failed_is_mailed_with_what_went_wrong() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30, true);
        jobs.claimedBy(job, "dead-worker");
        // its third start, and the worker died: the lease expires
        jobs.startedTimes(job.id(), 3);
        jobs.leaseExpires(job.id());

        jobs.awaitStatus(job.id(), JobStatus.FAILED);
        ReceivedMail mail = awaitOneMail();

        assertThat(mail.subject()).isEqualTo("Your payments export failed");
        assertThat(mail.text()).contains("could not be completed").contains("started 3 times");
    }

    @Test
    void an_export_nobody_asked_to_be_told_about_sends_no_mail() {
        jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30, false).id(), JobStatus.SUCCEEDED);

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> Inbox.of(email).isEmpty());
    }

    private ReceivedMail awaitOneMail() {
        await().atMost(Duration.ofSeconds(15)).until(() -> !Inbox.of(email).isEmpty());
        List<ReceivedMail> mails = Inbox.of(email);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }
}
