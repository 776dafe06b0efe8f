package com.coaching.exports.shared.webhook;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the webhook network rules that api (registration) and worker (sending) both apply. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookNetwork.class)
public class WebhookConfiguration {}
