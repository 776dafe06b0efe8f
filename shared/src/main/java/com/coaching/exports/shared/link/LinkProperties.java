package com.coaching.exports.shared.link;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Links that work from an inbox. How long they work is the worker's {@code exports.links.retention}:
 * a link names its own expiry, so only the worker, which mails them, reads it.
 *
 * @param baseUrl the API's address as a trainer's browser reaches it
 * @param secret the HMAC key of emailed links; api and worker must share it
 */
@ConfigurationProperties("exports.links")
public record LinkProperties(
        @DefaultValue("http://localhost:8080") URI baseUrl,
        @Nullable String secret) {}
