package com.coaching.exports.shared.tracing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns tracing on only where spans have somewhere to go: Boot's OTLP endpoint
 * ({@value #ENDPOINT}), or OpenTelemetry's own {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} (a base address: {@code /v1/traces} is added), which it copies to
 * Boot's. Without one it leaves Boot's OpenTelemetry and tracing auto-configurations out: no SDK, no
 * span processor thread, no trace id in the logs, a no-op tracer. OpenTelemetry's log export is always
 * left out: the logs go to standard output. Registered in {@code META-INF/spring.factories}.
 */
public class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    /** Boot's OTLP/HTTP traces endpoint, the whole URL ({@code http://collector:4318/v1/traces}). */
    public static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    static final String OTEL_TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";
    static final String OTEL_ENDPOINT = "otel.exporter.otlp.endpoint";
    static final String EXCLUDE = "spring.autoconfigure.exclude";
    static final String PROPERTY_SOURCE_NAME = "exportsTracing";

    private static final List<String> LOG_EXPORT = List.of(
            "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
            "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration");

    private static final List<String> TRACING = List.of(
            "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> settings = new HashMap<>();
        List<String> excluded = new ArrayList<>(Binder.get(environment)
                .bind(EXCLUDE, Bindable.listOf(String.class))
                .orElse(List.of()));
        excluded.addAll(LOG_EXPORT);
        String endpoint = endpoint(environment);
        if (endpoint == null) {
            excluded.addAll(TRACING);
            // Boot's log correlation follows it: log lines keep their pattern
            settings.put("management.tracing.export.enabled", "false");
        } else {
            settings.put(ENDPOINT, endpoint);
        }
        settings.put(EXCLUDE, String.join(",", excluded));
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, settings));
    }

    /** Where spans go: Boot's setting, else OpenTelemetry's; null when neither is set. */
    static @Nullable String endpoint(Environment environment) {
        if (StringUtils.hasText(environment.getProperty(ENDPOINT))) {
            return environment.getProperty(ENDPOINT);
        }
        if (StringUtils.hasText(environment.getProperty(OTEL_TRACES_ENDPOINT))) {
            return environment.getProperty(OTEL_TRACES_ENDPOINT);
        }
        String base = environment.getProperty(OTEL_ENDPOINT);
        if (!StringUtils.hasText(base)) {
            return null;
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }

    /** After the settings files, so that an endpoint written there counts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
