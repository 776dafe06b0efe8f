package com.coaching.exports.api.events;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job event streams' settings ({@code GET /api/v1/exports/{id}/events}).
 *
 * @param maxStreamsPerTrainer how many streams one trainer may hold open on one API instance; the
 *     next gets 429
 * @param keepAlive how often an open stream gets a comment line, so proxies do not close it as idle
 * @param timeout how long a stream stays open at most; the client then reconnects with
 *     {@code Last-Event-ID}
 * @param writeTimeout how long one write to a stream may wait for its client to read; a stream
 *     whose client stops reading longer is closed and its slot given back
 */
@Validated
@ConfigurationProperties("exports.events")
public record EventProperties(
        @DefaultValue("20") @Positive int maxStreamsPerTrainer,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("5s") Duration writeTimeout) {

    /** How often the writes under way are checked against the write timeout: a quarter of it, 50 ms to 1 s. */
    Duration stallCheckEvery() {
        Duration quarter = writeTimeout.dividedBy(4);
        Duration fastest = Duration.ofMillis(50);
        Duration slowest = Duration.ofSeconds(1);
        return quarter.compareTo(fastest) < 0 ? fastest : quarter.compareTo(slowest) > 0 ? slowest : quarter;
    }
}
