package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.shared.creation.JobCreation;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.view.JobEvent;
import com.coaching.exports.shared.view.JobHistories;
import com.coaching.exports.testkit.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The trainer's side of {@code export_job}, on the real PostgreSQL (the configured one, or the
 * embedded stand-in) and nothing else of the API: a JDBC slice, each test rolled back.
 */
@JdbcTest(properties = "spring.config.name=" + ApiApplication.CONFIG_NAME)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({TrainerJobs.class, JobTransitions.class, JobHistories.class})
class TrainerJobsTest {

    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    TrainerJobs trainerJobs;

    @Autowired
    JobTransitions transitions;

    @Autowired
    JdbcClient jdbc;

    long trainer;
    long otherTrainer;

    @BeforeEach
    void twoTrainers() {
        trainer = Tokens.newTrainerId();
        otherTrainer = Tokens.newTrainerId();
    }

    @Test
    void another_trainers_job_is_as_absent_as_an_unknown_one() {
        UUID theirs = queued(otherTrainer, NOON, null);

        assertThat(trainerJobs.findByIdForTrainer(theirs, trainer)).isEmpty();
        assertThat(trainerJobs.findByIdForTrainer(UUID.randomUUID(), trainer)).isEmpty();
        assertThat(trainerJobs.findByIdForTrainer(theirs, otherTrainer)).isPresent();
    }

    @Test
    void a_page_holds_only_the_trainers_jobs_newest_first() {
        UUID oldest = queued(trainer, NOON, null);
        UUID middle = queued(trainer, NOON.plusSeconds(60), null);
        UUID newest = queued(trainer, NOON.plusSeconds(120), null);
        queued(otherTrainer, NOON.plusSeconds(90), null);

        assertThat(ids(trainerJobs.pageForTrainer(trainer, 0, 2))).containsExactly(newest, middle);
        assertThat(ids(trainerJobs.pageForTrainer(trainer, 1, 2))).containsExactly(oldest);
        assertThat(trainerJobs.countForTrainer(trainer)).isEqualTo(3);
    }

    @Test
    void each_jobs_history_is_read_oldest_first() {
        UUID cancelled = queued(trainer, NOON, null);
        transitions.cancelQueued(cancelled, NOON.plusSeconds(5));
        UUID waiting = queued(trainer, NOON, null);

        var histories = trainerJobs.histories(List.of(cancelled, waiting));

        assertThat(histories.get(cancelled))
                .extracting(JobEvent::to)
                .containsExactly(JobStatus.QUEUED, JobStatus.CANCELLED);
        assertThat(histories.get(waiting)).extracting(JobEvent::to).containsExactly(JobStatus.QUEUED);
    }

    @Test
    void an_idempotency_key_finds_the_trainers_own_request_until_it_is_forgotten() {
        UUID job = queued(trainer, NOON, "key-1");
        queued(otherTrainer, NOON, "key-2");

        assertThat(trainerJobs.findByIdempotencyKey(trainer, "key-1"))
                .hasValueSatisfying(request -> assertThat(request.jobId()).isEqualTo(job));
        assertThat(trainerJobs.findByIdempotencyKey(trainer, "key-2")).isEmpty();

        trainerJobs.forgetIdempotencyKey(job);

        assertThat(trainerJobs.findByIdempotencyKey(trainer, "key-1")).isEmpty();
    }

    @Test
    void the_active_jobs_a_creation_counts_are_read_from_their_own_index_not_the_trainers_history() {
        UUID running = queued(trainer, NOON, null);
        transitions.claim(running, "a-worker", NOON);
        queued(trainer, NOON, null);
        for (int i = 0; i < 20; i++) {
            transitions.cancelQueued(queued(trainer, NOON, null), NOON);
        }
        jdbc.sql("set local enable_seqscan = off").update(); // the test database is small: indexes only
        // the planner knows this trainer's history, as autovacuum's analyze would tell it
        jdbc.sql("analyze export_job").update();

        String plan = String.join(
                "\n",
                jdbc.sql("explain " + JobCreation.COUNT_ACTIVE)
                        .param("trainerId", trainer)
                        .query(String.class)
                        .list());

        assertThat(plan).contains("export_job_active_of_trainer");
        assertThat(jdbc.sql(JobCreation.COUNT_ACTIVE)
                        .param("trainerId", trainer)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    private UUID queued(long trainerId, Instant at, String idempotencyKey) {
        ExportJob job = ExportJob.queued(UUID.randomUUID(), trainerId, Dataset.TRAINEES, null, false, at);
        transitions.create(job, idempotencyKey, idempotencyKey == null ? null : "hash-" + idempotencyKey);
        return job.id();
    }

    private static List<UUID> ids(List<ExportJob> jobs) {
        return jobs.stream().map(ExportJob::id).toList();
    }
}
