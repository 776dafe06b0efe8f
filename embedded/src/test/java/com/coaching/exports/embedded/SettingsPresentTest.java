package com.coaching.exports.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Runs in a JVM of its own (see surefire's reuseForks), so "nothing running" means nothing was started. */
class SettingsPresentTest {

    private final EmbeddedServicesPostProcessor postProcessor = new EmbeddedServicesPostProcessor(Supplier::get);

    @Test
    void nothing_starts_when_every_setting_is_present() {
        StandardEnvironment environment = environmentWith(Map.of(
                "spring.datasource.url", "jdbc:postgresql://db.internal:5432/exports",
                "spring.rabbitmq.host", "rabbit.internal",
                "exports.storage.endpoint", "https://s3.eu-west-1.amazonaws.com",
                "spring.mail.host", "smtp.internal"));

        postProcessor.postProcessEnvironment(environment, null);

        assertThat(environment.getPropertySources().contains(EmbeddedServicesPostProcessor.PROPERTY_SOURCE_NAME))
                .isFalse();
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/exports");
        assertThat(EmbeddedServices.running()).isEmpty();
    }

    @Test
    void settings_given_as_environment_variables_count_as_present() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "test-env",
                        Map.of(
                                "SPRING_DATASOURCE_URL", "jdbc:postgresql://db.internal:5432/exports",
                                "SPRING_RABBITMQ_ADDRESSES", "amqp://rabbit.internal:5672",
                                "EXPORTS_STORAGE_ENDPOINT", "https://s3.eu-west-1.amazonaws.com",
                                "SPRING_MAIL_HOST", "smtp.internal")));

        postProcessor.postProcessEnvironment(environment, null);

        assertThat(environment.getPropertySources().contains(EmbeddedServicesPostProcessor.PROPERTY_SOURCE_NAME))
                .isFalse();
        assertThat(EmbeddedServices.running()).isEmpty();
    }

    @Test
    void nothing_starts_when_embedded_services_are_disabled() {
        StandardEnvironment environment = environmentWith(Map.of("exports.embedded.enabled", "false"));

        postProcessor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.datasource.url")).isNullOrEmpty();
        assertThat(EmbeddedServices.running()).isEmpty();
    }

    private static StandardEnvironment environmentWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
