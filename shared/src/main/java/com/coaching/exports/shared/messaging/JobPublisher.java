package com.coaching.exports.shared.messaging;

import com.coaching.exports.shared.job.Lane;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Publishes "export requested" with publisher confirms. A job's outbox entry is removed only once
 * the broker confirmed and routed the message; until then the outbox sweeper publishes it again.
 * The caller never waits on the broker: messages are sent from threads of their own, and a
 * confirm that does not come within {@code exports.outbox.confirm-timeout} counts as a refusal.
 */
@Component
@EnableConfigurationProperties(OutboxProperties.class)
public class JobPublisher {

    private static final Logger log = LoggerFactory.getLogger(JobPublisher.class);
    /** Messages waiting for a sender; past that they stay in the outbox for the sweeper. */
    private static final int WAITING = 10_000;

    private final RabbitTemplate rabbit;
    private final ExportMessages messages;
    private final OutboxRepository outbox;
    private final Duration confirmTimeout;
    private final AtomicLong lastReconnect = new AtomicLong(System.nanoTime());
    private final ThreadPoolExecutor senders =
            new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING), task -> {
                Thread thread = new Thread(task, "job-publisher");
                thread.setDaemon(true);
                return thread;
            });

    public JobPublisher(
            RabbitTemplate rabbit, ExportMessages messages, OutboxRepository outbox, OutboxProperties properties) {
        this.rabbit = rabbit;
        this.messages = messages;
        this.outbox = outbox;
        this.confirmTimeout = properties.confirmTimeout();
    }

    /**
     * Publishes the job's message to its lane and, once the broker confirms it, removes its outbox entry.
     *
     * @return completes with whether the broker confirmed and routed the message; never fails
     */
    public CompletableFuture<Boolean> publish(UUID jobId, Lane lane) {
        try {
            return CompletableFuture.supplyAsync(() -> send(jobId, lane), senders)
                    .thenCompose(
                            sent -> sent == null ? CompletableFuture.completedFuture(false) : confirmed(jobId, sent));
        } catch (RejectedExecutionException e) {
            log.warn("publish deferred job={} reason=\"too many messages waiting\"", jobId);
            return CompletableFuture.completedFuture(false);
        }
    }

    private CorrelationData send(UUID jobId, Lane lane) {
        CorrelationData correlation = new CorrelationData(jobId.toString());
        try {
            rabbit.send(
                    ExportMessages.EXCHANGE,
                    ExportMessages.routingKey(lane),
                    messages.encode(new ExportRequested(jobId)),
                    correlation);
            return correlation;
        } catch (AmqpException e) {
            log.warn("publish deferred job={} reason=\"{}\"", jobId, e.getMessage());
            return null;
        }
    }

    private CompletableFuture<Boolean> confirmed(UUID jobId, CorrelationData correlation) {
        // recorded on a sender thread, never on the broker connection's or the JVM's timer thread
        return correlation
                .getFuture()
                .orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync(
                        (confirm, failure) -> {
                            if (failure instanceof TimeoutException) {
                                reconnect();
                            }
                            boolean delivered = failure == null && confirm.ack() && correlation.getReturned() == null;
                            try {
                                if (delivered) {
                                    outbox.remove(jobId);
                                } else {
                                    String reason = failure != null
                                            ? failure.toString()
                                            : correlation.getReturned() != null
                                                    ? "unroutable"
                                                    : "nack: " + confirm.reason();
                                    log.warn("publish not confirmed job={} reason=\"{}\"", jobId, reason);
                                    outbox.recordFailure(jobId, reason);
                                }
                            } catch (DataAccessException e) {
                                // the entry stays; the sweeper publishes again, and a duplicate message is harmless
                                log.warn("outbox not updated job={} reason=\"{}\"", jobId, e.getMessage());
                            }
                            return delivered;
                        },
                        senders)
                .exceptionally(rejected -> false);
    }

    /**
     * A broker that took the message and never confirmed it may be gone behind a connection that
     * still looks open (a silent network, a hung broker): the AMQP heartbeat notices that only after
     * two beats. The next send opens a fresh connection instead, at most once per confirm timeout.
     */
    private void reconnect() {
        long now = System.nanoTime();
        long last = lastReconnect.get();
        if (now - last < confirmTimeout.toNanos() || !lastReconnect.compareAndSet(last, now)) {
            return;
        }
        if (rabbit.getConnectionFactory() instanceof CachingConnectionFactory connections) {
            log.warn("broker confirmed nothing within {}: opening a fresh connection", confirmTimeout);
            connections.resetConnection();
        }
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }
}
