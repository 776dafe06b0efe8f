package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.job.Lane;
import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.testkit.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A job whose message the broker never confirmed (it was down) is published again. */
@ApiTest
class OutboxSweeperTest {

    @Autowired
    OutboxSweeper sweeper;

    @Autowired
    JobTransitions transitions;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    JobPublisher publisher;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AmqpAdmin admin;

    @Test
    void an_unconfirmed_job_is_published_again_and_leaves_the_outbox() {
        Instant aMinuteAgo = Instant.now().minus(Duration.ofMinutes(1));
        ExportJob job =
                ExportJob.queued(UUID.randomUUID(), Tokens.newTrainerId(), Dataset.PAYMENTS, 30, false, aMinuteAgo);
        transitions.create(job, null, null);
        outbox.add(job.id(), aMinuteAgo);

        sweeper.sweep();

        assertThat(jdbc.sql("select count(*) from export_outbox where job_id = :id")
                        .param("id", job.id())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(publishedJobIds()).contains(job.id().toString());
    }

    @Test
    void a_burst_of_confirmed_jobs_leaves_none_in_the_outbox_and_each_remembers_its_publish() {
        List<ExportJob> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ExportJob job = ExportJob.queued(
                    UUID.randomUUID(), Tokens.newTrainerId(), Dataset.PAYMENTS, 30, false, Instant.now());
            transitions.create(job, null, null);
            outbox.add(job.id(), Instant.now());
            jobs.add(job);
        }
        List<UUID> ids = jobs.stream().map(ExportJob::id).toList();

        List<CompletableFuture<Boolean>> confirms = jobs.stream()
                .map(job -> publisher.publish(job.id(), Lane.STANDARD, null))
                .toList();

        assertThat(confirms)
                .allSatisfy(
                        confirm -> assertThat(confirm.get(10, TimeUnit.SECONDS)).isTrue());
        assertThat(jdbc.sql("select count(*) from export_outbox where job_id = any(:ids)")
                        .param("ids", ids.toArray(UUID[]::new))
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from export_job where id = any(:ids) and published_at is not null")
                        .param("ids", ids.toArray(UUID[]::new))
                        .query(Integer.class)
                        .single())
                .isEqualTo(200);
    }

    @Test
    void an_entry_the_broker_cannot_route_is_tried_later_and_holds_back_no_entry_behind_it() {
        Instant aMinuteAgo = Instant.now().minus(Duration.ofMinutes(1));
        ExportJob stuck = queuedJob(aMinuteAgo.minusSeconds(1), Lane.BULK);
        ExportJob behind = queuedJob(aMinuteAgo, Lane.STANDARD);
        Binding bulkBinding = new Binding(
                ExportMessages.BULK_QUEUE,
                Binding.DestinationType.QUEUE,
                ExportMessages.EXCHANGE,
                ExportMessages.BULK_ROUTING_KEY,
                null);
        admin.removeBinding(bulkBinding); // the bulk lane's messages are unroutable for now
        try {
            // other tests' entries may be due too: sweep until this one had its turn
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sweeper.sweep();
                return outboxEntries(behind.id()) == 0;
            });
        } finally {
            admin.declareBinding(bulkBinding);
        }

        assertThat(jdbc.sql("select attempts, last_error, next_attempt_at > now() as later from export_outbox"
                                + " where job_id = :id")
                        .param("id", stuck.id())
                        .query()
                        .singleRow())
                .containsEntry("attempts", 1)
                .containsEntry("later", true)
                // RabbitMQ returns an unroutable message, then acks it; Qpid Broker-J (the embedded
                // stand-in) nacks it first and returns it after
                .extractingByKey("last_error")
                .isIn("unroutable", "nack: null");
    }

    @Test
    void a_queued_job_whose_message_was_lost_is_published_again() {
        ExportJob forgotten = ExportJob.queued(
                UUID.randomUUID(),
                Tokens.newTrainerId(),
                Dataset.TRAINEES,
                null,
                false,
                Instant.now().minus(Duration.ofMinutes(5)));
        transitions.create(forgotten, null, null); // no outbox entry: its message was confirmed, then lost

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sweeper.sweep();
            return confirmedAgain(forgotten.id());
        });

        assertThat(outboxEntries(forgotten.id())).isZero();
    }

    private ExportJob queuedJob(Instant createdAt, Lane lane) {
        ExportJob job = ExportJob.queued(
                        UUID.randomUUID(), Tokens.newTrainerId(), Dataset.PAYMENTS, 30, false, createdAt)
                .created(1, lane, null);
        transitions.create(job, null, null);
        outbox.add(job.id(), createdAt);
        return job;
    }

    private boolean confirmedAgain(UUID jobId) {
        return jdbc.sql("select published_at is not null from export_job where id = :id")
                .param("id", jobId)
                .query(Boolean.class)
                .single();
    }

    private int outboxEntries(UUID jobId) {
        return jdbc.sql("select count(*) from export_outbox where job_id = :id")
                .param("id", jobId)
                .query(Integer.class)
                .single();
    }

    private List<String> publishedJobIds() {
        List<String> ids = new ArrayList<>();
        Message message;
        while ((message = rabbit.receive(ExportMessages.QUEUE, 2000)) != null) {
            ids.add(message.getMessageProperties().getMessageId());
        }
        return ids;
    }
}
