package com.coaching.exports.worker.mail;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's mails (the SMTP server itself is Spring Boot's {@code spring.mail.*}).
 *
 * @param from the sender of the mails
 * @param interval how often the worker looks for mails to send
 */
@Validated
@ConfigurationProperties("exports.mail")
public record MailSettings(
        @DefaultValue("exports@coaching.example") @NotBlank String from,
        @DefaultValue("2s") @NotNull Duration interval) {}
