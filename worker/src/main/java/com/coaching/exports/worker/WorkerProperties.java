package com.coaching.exports.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param id this worker's name in the jobs it holds; unique per process by default
 * @param fetchSize rows fetched from PostgreSQL per round trip while streaming
 * @param progressInterval how often a running job's progress (and lease) is written
 */
@ConfigurationProperties("exports.worker")
public record WorkerProperties(
        String id,
        @DefaultValue("2000") int fetchSize,
        @DefaultValue("1s") Duration progressInterval) {
}
