package com.coaching.exports.worker.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.job.Lane;
import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.messaging.ExportRequested;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues jobs the way the API does (row, outbox entry, confirmed message) and waits for them; plays
 * the other workers of the crash tests (one that claimed a job, then died) and sends the messages a
 * broker may deliver again.
 */
@Component
public class Jobs {

    private final JobTransitions transitions;
    private final ExportJobRows rows;
    private final OutboxRepository outbox;
    private final JobPublisher publisher;
    private final JdbcClient jdbc;
    private final RabbitTemplate rabbit;
    private final ExportMessages messages;

    public Jobs(
            JobTransitions transitions,
            ExportJobRows rows,
            OutboxRepository outbox,
            JobPublisher publisher,
            JdbcClient jdbc,
            RabbitTemplate rabbit,
            ExportMessages messages) {
        this.transitions = transitions;
        this.rows = rows;
        this.outbox = outbox;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.rabbit = rabbit;
        this.messages = messages;
    }

    /** Rows for the source tables, under a fresh email tag. */
    public SourceRows sourceRows() {
        return new SourceRows(jdbc);
    }

    public ExportJob queue(long trainerId, Dataset dataset, Integer days) {
        return queue(trainerId, dataset, days, false);
    }

    public ExportJob queue(long trainerId, Dataset dataset, Integer days, boolean notify) {
        return publish(insertQueued(trainerId, dataset, days, notify));
    }

    /** A job in the bulk lane, as the API queues one estimated at many rows. */
    public ExportJob queueBulk(long trainerId, Dataset dataset, Integer days) {
        return publish(insertQueuedBulk(trainerId, dataset, days));
    }

    public ExportJob insertQueuedBulk(long trainerId, Dataset dataset, Integer days) {
        ExportJob job = ExportJob.queued(UUID.randomUUID(), trainerId, dataset, days, false, Instant.now())
                .estimated(1_000_000, Lane.BULK);
        transitions.create(job, null, null);
        return job;
    }

    /** Sends the message of a job inserted before, with its outbox entry, as the API does. */
    public ExportJob publish(ExportJob job) {
        outbox.add(job.id(), job.createdAt());
        publisher.publish(job.id(), job.lane(), job.traceparent()).join();
        return job;
    }

    /** A queued job with no message: for tests that hand it to the runner themselves. */
    public ExportJob insertQueued(long trainerId, Dataset dataset, Integer days) {
        return insertQueued(trainerId, dataset, days, false);
    }

    public ExportJob insertQueued(long trainerId, Dataset dataset, Integer days, boolean notify) {
        ExportJob job = ExportJob.queued(UUID.randomUUID(), trainerId, dataset, days, notify, Instant.now());
        transitions.create(job, null, null);
        return job;
    }

    /** A job with the given file options, published as the API does. */
    public ExportJob queue(long trainerId, Dataset dataset, Integer days, ExportOptions options) {
        ExportJob job =
                ExportJob.queued(UUID.randomUUID(), trainerId, dataset, days, false, null, options, Instant.now());
        transitions.create(job, null, null);
        return publish(job);
    }

    public ExportJob awaitStatus(UUID id, JobStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> current(id).status() == status);
        return current(id);
    }

    public ExportJob current(UUID id) {
        return rows.findById(id).orElseThrow();
    }

    /** Claims the job as {@code worker} (another worker, as far as this one knows) and returns it RUNNING. */
    public ExportJob claimedBy(ExportJob job, String worker) {
        assertThat(transitions.claim(job.id(), worker, Instant.now()))
                .as("claimed by " + worker)
                .isTrue();
        return current(job.id());
    }

    /** The holder's last heartbeat is five minutes old, as if it had been killed: the next sweep takes it back. */
    public void leaseExpires(UUID id) {
        jdbc.sql("update export_job set heartbeat_at = now() - interval '5 minutes' where id = :id")
                .param("id", id)
                .update();
    }

    /** The job has been started {@code attempts} times. */
    public void startedTimes(UUID id, int attempts) {
        jdbc.sql("update export_job set attempts = :attempts where id = :id")
                .param("attempts", attempts)
                .param("id", id)
                .update();
    }

    /** How long ago the job's lease was last renewed. */
    public Duration heartbeatAge(UUID id) {
        OffsetDateTime heartbeat = jdbc.sql("select heartbeat_at from export_job where id = :id")
                .param("id", id)
                .query(OffsetDateTime.class)
                .single();
        return Duration.between(heartbeat.toInstant(), Instant.now());
    }

    /** A second message for the job, as the broker delivers one again or the outbox publishes twice. */
    public void sendAgain(UUID id) {
        rabbit.send(ExportMessages.EXCHANGE, ExportMessages.ROUTING_KEY, messages.encode(new ExportRequested(id)));
    }

    /** A message with this body, which no decoder may read, under its own message id. */
    public void sendUnreadable(String body, String messageId) {
        rabbit.send(
                ExportMessages.EXCHANGE,
                ExportMessages.ROUTING_KEY,
                MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                        .setMessageId(messageId)
                        .build());
    }
}
