package com.coaching.exports.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.audit.IssuedLinks;
import com.coaching.exports.shared.audit.LinkRecipient;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.TestClock;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The counts of links issued outlive their job, its expiry and its deletion, and are removed 90 days
 * after the day the links were issued (time moved with the worker's clock, never waited for).
 */
@WorkerTest
@Import({Jobs.class, TestClock.Config.class})
class LinkCountPruningTest {

    @Autowired
    Jobs jobs;

    @Autowired
    IssuedLinks issued;

    @Autowired
    LinkCountPruning pruning;

    @Autowired
    RetentionSweeper retention;

    @Autowired
    JobTransitions transitions;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void a_count_stays_after_its_job_expired_and_was_deleted_and_goes_once_it_is_more_than_90_days_old() {
        long trainer = new SourceRows(jdbc).trainer("Pia", "Pruning", "pia-" + UUID.randomUUID() + "@example.com");
        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.TRAINEES, null).id(), JobStatus.SUCCEEDED);
        assertThat(issued.record(List.of(done.id()), LinkRecipient.trainer("192.0.2.1"), clock.instant()))
                .isEqualTo(1);

        clock.move(Duration.ofDays(8));
        retention.expireAsOf(clock.instant());
        assertThat(jobs.current(done.id()).status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(transitions.delete(done.id())).isTrue();
        assertThat(counts(trainer)).containsExactly("trainer: 1");

        clock.move(Duration.ofDays(82)); // 90 days after the link: still kept
        pruning.prune();
        assertThat(counts(trainer)).containsExactly("trainer: 1");

        clock.move(Duration.ofDays(1));
        pruning.prune();
        assertThat(counts(trainer)).isEmpty();
    }

    private List<String> counts(long trainer) {
        return jdbc.sql("select by, links from export_link_count where trainer_id = :trainer")
                .param("trainer", trainer)
                .query((rs, n) -> rs.getString("by") + ": " + rs.getInt("links"))
                .list();
    }
}
