package com.coaching.exports.worker.consumer;

import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.messaging.ExportRequested;
import com.coaching.exports.shared.messaging.PoisonMessageException;
import com.coaching.exports.worker.export.ExportRunner;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.dao.DataAccessException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Consumes "export requested" with manual acks: a message is acknowledged only once the job's
 * outcome is recorded (or the job needed nothing), rejected without requeue when no retry could
 * ever read it, and requeued when the outcome could not be recorded.
 */
@Component
class ExportRequestListener {

    private static final Logger log = LoggerFactory.getLogger(ExportRequestListener.class);

    private final ExportMessages messages;
    private final ExportRunner runner;

    ExportRequestListener(ExportMessages messages, ExportRunner runner) {
        this.messages = messages;
        this.runner = runner;
    }

    @RabbitListener(queues = ExportMessages.QUEUE, ackMode = "MANUAL",
            concurrency = "${exports.worker.concurrency:2}")
    void onMessage(Message message, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag) throws IOException {
        ExportRequested request;
        try {
            request = messages.decode(message);
        } catch (PoisonMessageException e) {
            log.warn("message rejected id={} reason=\"{}\"", message.getMessageProperties().getMessageId(),
                    e.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        try {
            runner.run(request.jobId());
            channel.basicAck(tag, false);
        } catch (DataAccessException e) {
            log.warn("message requeued job={} reason=\"{}\"", request.jobId(), e.getMessage());
            channel.basicNack(tag, false, true);
        }
    }
}
