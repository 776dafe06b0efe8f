package com.coaching.exports.shared.link;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Links that work from an inbox, and how long files are kept.
 *
 * @param baseUrl the API's address as a trainer's browser reaches it
 * @param secret the HMAC key of emailed links; api and worker must share it
 * @param retention how long an export's file is kept; its emailed link works as long
 */
@ConfigurationProperties("exports.links")
public record LinkProperties(
        @DefaultValue("http://localhost:8080") URI baseUrl,
        String secret,
        @DefaultValue("7d") Duration retention) {}
