package com.coaching.exports.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class TracingSwitchTest {

    private static final String SDK =
            "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration";
    private static final String LOG_EXPORT =
            "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration";

    @Test
    void without_an_endpoint_the_sdk_and_tracing_stay_out_and_the_log_pattern_has_no_trace_id() {
        MockEnvironment environment = switched(new MockEnvironment());

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).contains(SDK, LOG_EXPORT);
        assertThat(environment.getProperty("management.tracing.export.enabled")).isEqualTo("false");
        assertThat(environment.getProperty(TracingSwitch.ENDPOINT)).isNull();
    }

    @Test
    void opentelemetrys_base_endpoint_becomes_boots_traces_url_and_leaves_the_sdk_in() {
        MockEnvironment environment =
                switched(new MockEnvironment().withProperty("otel.exporter.otlp.endpoint", "http://collector:4318/"));

        assertThat(environment.getProperty(TracingSwitch.ENDPOINT)).isEqualTo("http://collector:4318/v1/traces");
        assertThat(environment.getProperty("spring.autoconfigure.exclude"))
                .contains(LOG_EXPORT)
                .doesNotContain(SDK);
        assertThat(environment.getProperty("management.tracing.export.enabled")).isNull();
    }

    @Test
    void boots_endpoint_wins_over_opentelemetrys_and_an_operators_exclusions_stay() {
        MockEnvironment environment = switched(new MockEnvironment()
                .withProperty(TracingSwitch.ENDPOINT, "http://boot:4318/v1/traces")
                .withProperty("otel.exporter.otlp.traces.endpoint", "http://otel:4318/v1/traces")
                .withProperty("spring.autoconfigure.exclude", "com.example.SomeAutoConfiguration"));

        assertThat(environment.getProperty(TracingSwitch.ENDPOINT)).isEqualTo("http://boot:4318/v1/traces");
        assertThat(environment.getProperty("spring.autoconfigure.exclude"))
                .contains("com.example.SomeAutoConfiguration", LOG_EXPORT);
    }

    private static MockEnvironment switched(MockEnvironment environment) {
        new TracingSwitch().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
