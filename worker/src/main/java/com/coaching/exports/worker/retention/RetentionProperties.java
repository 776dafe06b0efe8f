package com.coaching.exports.worker.retention;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long files are kept. Under {@code exports.links} (the names operators set) because an emailed
 * link works exactly as long as its file is kept; the worker alone removes files and mails links.
 *
 * @param retention how long an export's file is kept after the job succeeded; its emailed link works as long
 * @param retentionCheckInterval how often the worker removes the files past their retention
 */
@Validated
@ConfigurationProperties("exports.links")
public record RetentionProperties(
        @DefaultValue("7d") @NotNull Duration retention,
        @DefaultValue("10m") @NotNull Duration retentionCheckInterval) {}
