package com.coaching.exports.worker.storage;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's housekeeping of the store, under {@code exports.storage} beside the store's own
 * settings ({@code StorageProperties}, which both sides read).
 *
 * @param cleanupInterval how often a worker retries the file removals that failed
 * @param orphanGrace a file or upload no job holds is removed once older than this (it covers what is in flight)
 * @param orphanCheckInterval how often one worker lists the bucket for such orphans
 */
@Validated
@ConfigurationProperties("exports.storage")
public record CleanupProperties(
        @DefaultValue("5s") @NotNull Duration cleanupInterval,
        @DefaultValue("1h") @NotNull Duration orphanGrace,
        @DefaultValue("15m") @NotNull Duration orphanCheckInterval) {}
