package com.coaching.exports.shared.link;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Links that work from an inbox, and how long the files they lead to are kept: an emailed link works
 * exactly as long as its file is kept, and names its own expiry, so only the worker, which mails the
 * links and removes the files, reads the retention.
 *
 * @param baseUrl the API's address as a trainer's browser reaches it, used in emailed links
 * @param secret the HMAC key of emailed links, at least 32 bytes; api and worker must share it
 * @param retention worker: how long an export's file is kept after the job succeeded; its emailed link
 *     works as long
 * @param retentionCheckInterval worker: how often the worker removes the files past their retention
 */
@Validated
@ConfigurationProperties("exports.links")
public record LinkProperties(
        @DefaultValue("http://localhost:8080") URI baseUrl,
        @Nullable String secret,
        @DefaultValue("7d") @NotNull Duration retention,
        @DefaultValue("10m") @NotNull Duration retentionCheckInterval) {}
