package com.coaching.exports.worker.consumer;

import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.messaging.ExportRequested;
import com.coaching.exports.shared.messaging.PoisonMessageException;
import com.coaching.exports.shared.tracing.Traces;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.dependency.Breakers;
import com.coaching.exports.worker.dependency.Dependency;
import com.coaching.exports.worker.export.DatabaseOutage;
import com.coaching.exports.worker.export.ExportRunner;
import com.coaching.exports.worker.export.RunningJobs;
import com.coaching.exports.worker.export.WorkerDraining;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Consumes "export requested" with manual acks. Every delivery ends in exactly one of three ways:
 * acknowledged once the job's outcome is recorded (or the job needed nothing), rejected without
 * requeue when no retry could ever read it, and requeued for anything else: this worker is
 * stopping, or the outcome could not be recorded (the database is away, whatever it threw). With
 * manual acks the container itself settles nothing, so nothing may escape this method unsettled,
 * or the consumer, at prefetch 1, would never be sent another message.
 *
 * <p>While a dependency's circuit breaker is open this consumer takes no job: it holds the message
 * it was given (unacknowledged, so a crash gives it back to the broker) until the breakers close, at
 * most {@code breaker-hold}; then the runner puts a job whose dependency is still down back to wait,
 * without reading a row.
 */
@Component
class ExportRequestListener {

    private static final Logger log = LoggerFactory.getLogger(ExportRequestListener.class);
    /** Before a message goes back to the queue, so a redelivery does not spin on the same trouble. */
    private static final Duration REQUEUE_PAUSE = Duration.ofSeconds(2);

    private final ExportMessages messages;
    private final ExportRunner runner;
    private final Breakers breakers;
    private final RunningJobs runningJobs;
    private final Duration hold;
    private final Traces traces;

    ExportRequestListener(
            ExportMessages messages,
            ExportRunner runner,
            Breakers breakers,
            RunningJobs runningJobs,
            WorkerProperties properties,
            Traces traces) {
        this.messages = messages;
        this.runner = runner;
        this.breakers = breakers;
        this.runningJobs = runningJobs;
        this.hold = properties.breakerHold();
        this.traces = traces;
    }

    @RabbitListener(queues = ExportMessages.QUEUE, ackMode = "MANUAL", concurrency = "${exports.worker.concurrency}")
    void onMessage(Message message, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag) throws IOException {
        handle(message, channel, tag);
    }

    /** The bulk lane: large jobs, on consumers of their own so they never hold up small ones. */
    @RabbitListener(
            queues = ExportMessages.BULK_QUEUE,
            ackMode = "MANUAL",
            concurrency = "${exports.worker.bulk-concurrency}")
    void onBulkMessage(Message message, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag)
            throws IOException {
        handle(message, channel, tag);
    }

    /** In the job's trace: the context the message carries continues in a span of its own. */
    private void handle(Message message, Channel channel, long tag) throws IOException {
        traces.receiving("export receive", ExportMessages.headers(message), () -> {
            settle(message, channel, tag);
            return Boolean.TRUE;
        });
    }

    private void settle(Message message, Channel channel, long tag) throws IOException {
        ExportRequested request;
        try {
            request = messages.decode(message);
        } catch (PoisonMessageException e) {
            log.warn(
                    "message rejected id={} redelivered={} reason=\"{}\"",
                    message.getMessageProperties().getMessageId(),
                    message.getMessageProperties().isRedelivered(),
                    e.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        traces.tag("exports.job", request.jobId());
        try {
            awaitDependencies();
            runner.run(request.jobId());
            channel.basicAck(tag, false);
        } catch (WorkerDraining e) {
            pause(); // for another worker to take it
            channel.basicNack(tag, false, true);
        } catch (RuntimeException e) {
            log.warn("message requeued job={} reason=\"{}\"", request.jobId(), e.toString());
            if (DatabaseOutage.causes(e)) { // the next messages wait for it instead of spinning
                breakers.of(Dependency.DATABASE).failed(e);
            }
            pause(); // the database is down: do not spin on redeliveries
            channel.basicNack(tag, false, true);
        }
    }

    private void awaitDependencies() {
        try {
            breakers.awaitAllClosed(hold, runningJobs::draining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(REQUEUE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
