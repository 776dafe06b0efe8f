package com.coaching.exports.shared.messaging;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the exchange and its two queues, one per lane (standard and bulk), plain and durable. No {@code x-} arguments: the embedded broker
 * refuses them, and a queue declared with other arguments than an existing one fails on RabbitMQ.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    @Bean
    Declarables exportTopology() {
        DirectExchange exchange = new DirectExchange(ExportMessages.EXCHANGE, true, false);
        Queue standard = new Queue(ExportMessages.QUEUE, true);
        Queue bulk = new Queue(ExportMessages.BULK_QUEUE, true);
        return new Declarables(
                exchange,
                standard,
                bulk,
                BindingBuilder.bind(standard).to(exchange).with(ExportMessages.ROUTING_KEY),
                BindingBuilder.bind(bulk).to(exchange).with(ExportMessages.BULK_ROUTING_KEY));
    }
}
