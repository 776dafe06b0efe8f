package com.coaching.exports.shared.clock;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The clock that follows the database's ({@link DatabaseClock}).
 *
 * @param refreshInterval how often the offset between this process's clock and PostgreSQL's is measured again
 */
@Validated
@ConfigurationProperties("exports.clock")
public record ClockProperties(@DefaultValue("30s") @NotNull Duration refreshInterval) {}
