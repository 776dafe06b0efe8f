package com.coaching.exports.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.creation.JobLimits;
import com.coaching.exports.shared.messaging.OutboxProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The API's settings: the names the README gives, their defaults, and a refusal of what cannot work. */
class ApiPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({JobLimits.class, OutboxProperties.class})
    static class Settings {}

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void without_settings_the_documented_defaults_apply() {
        context.run(started -> {
            assertThat(started.getBean(JobLimits.class)).isEqualTo(new JobLimits(5, 100_000));
            assertThat(started.getBean(OutboxProperties.class))
                    .isEqualTo(new OutboxProperties(
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(5),
                            Duration.ofMinutes(1)));
        });
    }

    @Test
    void the_settings_users_set_keep_their_names() {
        context.withPropertyValues(
                        "exports.api.max-active-jobs=7",
                        "exports.api.bulk-threshold-rows=10",
                        "exports.outbox.confirm-timeout=3s",
                        "exports.outbox.sweep-interval=4s",
                        "exports.outbox.grace=2s",
                        "exports.outbox.republish-after=5m")
                .run(started -> {
                    assertThat(started.getBean(JobLimits.class)).isEqualTo(new JobLimits(7, 10));
                    assertThat(started.getBean(OutboxProperties.class))
                            .isEqualTo(new OutboxProperties(
                                    Duration.ofSeconds(3),
                                    Duration.ofSeconds(4),
                                    Duration.ofSeconds(2),
                                    Duration.ofMinutes(5)));
                });
    }

    @Test
    void an_active_job_limit_below_one_stops_the_application_naming_the_setting() {
        context.withPropertyValues("exports.api.max-active-jobs=0")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("maxActiveJobs"));
    }
}
