package com.coaching.exports.shared.webhook;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the webhook settings, and the network rules that api (registration) and worker (sending) both apply. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    WebhookNetwork webhookNetwork(WebhookProperties webhooks) {
        return webhooks.network();
    }
}
