package com.coaching.exports.shared.messaging;

import com.coaching.exports.shared.job.Lane;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Publishes "export requested" with publisher confirms. A job's outbox entry is removed only once
 * the broker confirmed and routed the message; until then the outbox sweeper publishes it again.
 */
@Component
public class JobPublisher {

    private static final Logger log = LoggerFactory.getLogger(JobPublisher.class);

    private final RabbitTemplate rabbit;
    private final ExportMessages messages;
    private final OutboxRepository outbox;

    public JobPublisher(RabbitTemplate rabbit, ExportMessages messages, OutboxRepository outbox) {
        this.rabbit = rabbit;
        this.messages = messages;
        this.outbox = outbox;
    }

    /**
     * Publishes the job's message to its lane and, once the broker confirms it, removes its outbox entry.
     *
     * @return completes with whether the broker confirmed and routed the message; never fails
     */
    public CompletableFuture<Boolean> publish(UUID jobId, Lane lane) {
        CorrelationData correlation = new CorrelationData(jobId.toString());
        try {
            rabbit.send(ExportMessages.EXCHANGE, ExportMessages.routingKey(lane),
                    messages.encode(new ExportRequested(jobId)), correlation);
        } catch (AmqpException e) {
            log.warn("publish deferred job={} reason=\"{}\"", jobId, e.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        return correlation.getFuture().handle((confirm, failure) -> {
            boolean delivered = failure == null && confirm.ack() && correlation.getReturned() == null;
            try {
                if (delivered) {
                    outbox.remove(jobId);
                } else {
                    String reason = failure != null ? failure.getMessage()
                            : correlation.getReturned() != null ? "unroutable" : "nack: " + confirm.reason();
                    log.warn("publish not confirmed job={} reason=\"{}\"", jobId, reason);
                    outbox.recordFailure(jobId, reason);
                }
            } catch (DataAccessException e) {
                // the entry stays; the sweeper publishes again, and a duplicate message is harmless
                log.warn("outbox not updated job={} reason=\"{}\"", jobId, e.getMessage());
            }
            return delivered;
        });
    }
}
