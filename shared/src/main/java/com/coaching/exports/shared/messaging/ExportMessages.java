package com.coaching.exports.shared.messaging;

import com.coaching.exports.shared.job.Lane;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The message contract on the wire: JSON with a version field, persistent, named by the job id. */
@Component
public class ExportMessages {

    /** The exchange the API publishes to. */
    public static final String EXCHANGE = "exports";
    /** The standard lane's queue; RabbitMQ-only options (dead-lettering) come from a broker policy. */
    public static final String QUEUE = "exports.requested";

    public static final String ROUTING_KEY = "export.requested";
    /** The bulk lane's queue: jobs estimated to be large, consumed by their own listener. */
    public static final String BULK_QUEUE = "exports.requested.bulk";

    public static final String BULK_ROUTING_KEY = "export.requested.bulk";

    private final JsonMapper json;

    public ExportMessages(JsonMapper json) {
        this.json = json;
    }

    public static String routingKey(Lane lane) {
        return lane == Lane.BULK ? BULK_ROUTING_KEY : ROUTING_KEY;
    }

    public Message encode(ExportRequested request) {
        return MessageBuilder.withBody(json.writeValueAsBytes(request))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(request.jobId().toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    /** A message's headers as text, by name: how a trace context is read from it; null for a header it lacks. */
    public static Function<String, @Nullable String> headers(Message message) {
        return name -> {
            Object value = message.getMessageProperties().getHeader(name);
            return value == null ? null : value.toString();
        };
    }

    /** Reads a message; throws {@link PoisonMessageException} for one no retry can ever read. */
    public ExportRequested decode(Message message) {
        ExportRequested request;
        try {
            request = json.readValue(message.getBody(), ExportRequested.class);
        } catch (JacksonException e) {
            throw new PoisonMessageException("unreadable message: " + e.getOriginalMessage());
        }
        if (request.version() != ExportRequested.VERSION) {
            throw new PoisonMessageException("unknown message version " + request.version());
        }
        if (request.jobId() == null) {
            throw new PoisonMessageException("message names no job");
        }
        return request;
    }
}
