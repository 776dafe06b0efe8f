package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.shared.secret.DevSecrets;
import com.coaching.exports.worker.WorkerApplication;
import com.coaching.exports.worker.export.JobOutcomes.Settled;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker that gives a job back as it stops publishes the job's message before its broker
 * connection goes: the message is confirmed and the job runs again elsewhere (or, had the broker
 * not confirmed in time, its outbox entry would stay for the sweeper); nothing fails on the closed
 * context.
 */
@WorkerTest
@Import({Jobs.class, Store.class})
class RequeueAtShutdownTest {

    static final String STOPPING_WORKER = "stopping-worker";

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxRepository outbox;

    long trainer;

    @BeforeEach
    void aTrainerWithAPayment() {
        trainer = jobs.sourceRows().trainerWithPayments("Stan", "Stopping", "stan@example.com", 1);
    }

    @Test
    void a_job_requeued_as_its_worker_stops_has_its_message_confirmed_and_runs_again_elsewhere() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        RequeueAtStop requeue = new RequeueAtStop(job.id());
        ConfigurableApplicationContext stopping = worker(requeue);
        assertThat(stopping.getBean(JobTransitions.class).claim(job.id(), STOPPING_WORKER, Instant.now()))
                .isTrue();

        stopping.close();

        assertThat(requeue.thrown).isNull();
        assertThat(requeue.settled).isEqualTo(Settled.MOVED);
        assertThat(outboxEntries(job.id())).as("confirmed, so no entry is left").isZero();
        ExportJob done = jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void a_publish_asked_for_after_the_worker_stopped_sends_nothing_and_leaves_the_outbox_entry() throws Exception {
        ConfigurableApplicationContext stopped = worker(new RequeueAtStop(null));
        JobPublisher publisher = stopped.getBean(JobPublisher.class);
        stopped.close();
        ExportJob job = jobs.insertQueued(trainer, Dataset.PAYMENTS, 30);
        outbox.add(job.id(), Instant.now());

        boolean delivered =
                publisher.publish(job.id(), job.lane(), job.traceparent()).get(5, TimeUnit.SECONDS);

        assertThat(delivered).isFalse();
        assertThat(outboxEntries(job.id())).isOne();
        assertThat(jobs.current(job.id()).status()).isEqualTo(JobStatus.QUEUED);
    }

    /** A second worker on the same database and broker that consumes nothing; {@code atStop} runs as it stops. */
    private static ConfigurableApplicationContext worker(RequeueAtStop atStop) {
        return WorkerApplication.application()
                .initializers(context -> {
                    atStop.context = context;
                    ((GenericApplicationContext) context).registerBean(RequeueAtStop.class, () -> atStop);
                })
                .properties(Map.of(
                        "exports.worker.id",
                        STOPPING_WORKER,
                        "spring.rabbitmq.listener.simple.auto-startup",
                        "false",
                        "exports.webhooks.interval",
                        "1h",
                        "exports.links.secret",
                        DevSecrets.TEST_LINKS,
                        "exports.destinations.key",
                        DevSecrets.TEST_DESTINATIONS_KEY,
                        DevSecrets.ALLOW,
                        "true"))
                .run("--server.port=0");
    }

    private long outboxEntries(UUID id) {
        return jdbc.sql("select count(*) from export_outbox where job_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    /** Gives the job back as a stopping worker's export does: in the phase of {@link RunningJobs}. */
    static final class RequeueAtStop implements SmartLifecycle {

        private final UUID jobId;
        volatile ApplicationContext context;
        volatile Settled settled;
        volatile Throwable thrown;
        private volatile boolean running;

        RequeueAtStop(UUID jobId) {
            this.jobId = jobId;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            if (jobId == null) {
                return;
            }
            try {
                ExportJob job =
                        context.getBean(ExportJobRows.class).findById(jobId).orElseThrow();
                settled = context.getBean(JobOutcomes.class)
                        .requeue(job, Holder.of(STOPPING_WORKER, 1), "worker stopping");
            } catch (RuntimeException e) {
                thrown = e;
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
