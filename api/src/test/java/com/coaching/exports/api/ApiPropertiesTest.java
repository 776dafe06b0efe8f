package com.coaching.exports.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.creation.JobLimits;
import com.coaching.exports.shared.messaging.OutboxProperties;
import com.coaching.exports.shared.settings.RenamedSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The API's settings: the names the README gives, their defaults, and a refusal of what cannot work. */
class ApiPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({JobLimits.class, OutboxProperties.class})
    static class Settings {}

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class)
            // as at start-up: the job limits' old names still read (an environment post-processor, which a runner
            // skips)
            .withInitializer(started -> new RenamedSettings(destination -> destination.get())
                    .postProcessEnvironment(started.getEnvironment(), new SpringApplication()));

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
    void the_job_limits_are_set_by_their_names_under_exports_jobs() {
        context.withPropertyValues("exports.jobs.max-active-per-trainer=7", "exports.jobs.bulk-threshold-rows=10")
                .run(started -> assertThat(started.getBean(JobLimits.class)).isEqualTo(new JobLimits(7, 10)));
    }

    @Test
    void an_active_job_limit_below_one_stops_the_application_naming_the_setting() {
        context.withPropertyValues("exports.api.max-active-jobs=0")
                .run(started ->
                        assertThat(started).getFailure().rootCause().hasMessageContaining("maxActivePerTrainer"));
        context.withPropertyValues("exports.jobs.max-active-per-trainer=0")
                .run(started ->
                        assertThat(started).getFailure().rootCause().hasMessageContaining("maxActivePerTrainer"));
    }
}
