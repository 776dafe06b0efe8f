package com.coaching.exports.shared.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Settings that were renamed still read under their old names: each old name that is set gives its
 * value to the new name (unless the new one is set too, which wins), and one WARN line at start-up
 * names every old name in use and what to use instead. The old names are in the configuration
 * metadata as deprecated ({@code additional-spring-configuration-metadata.json}), so an IDE flags them
 * too. Registered in {@code META-INF/spring.factories}; api and worker both read it.
 */
public class RenamedSettings implements EnvironmentPostProcessor, Ordered {

    /** Each old name and the name that replaced it. */
    static final Map<String, String> RENAMED = Map.of(
            "exports.api.max-active-jobs", "exports.jobs.max-active-per-trainer",
            "exports.api.bulk-threshold-rows", "exports.jobs.bulk-threshold-rows");

    static final String PROPERTY_SOURCE_NAME = "renamedSettings";
    private static final String DEFAULT_PROPERTIES = "defaultProperties";

    private final Log log;

    public RenamedSettings(DeferredLogFactory logs) {
        this.log = logs.getLog(RenamedSettings.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> carried = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        RENAMED.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(renamed -> {
            String old = renamed.getKey();
            String value = environment.getProperty(old);
            if (value == null) {
                return;
            }
            String now = renamed.getValue();
            boolean newSet = environment.containsProperty(now);
            if (!newSet) {
                carried.put(now, value);
            }
            used.add(old + " (" + variable(old) + ")" + (newSet ? " is ignored" : "") + ": use " + now + " ("
                    + variable(now) + ")");
        });
        if (used.isEmpty()) {
            return;
        }
        log.warn("Deprecated settings: " + String.join("; ", used));
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, carried);
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(DEFAULT_PROPERTIES)) {
            sources.addBefore(DEFAULT_PROPERTIES, source);
        } else {
            sources.addLast(source);
        }
    }

    /** The environment variable that sets a property: {@code exports.jobs.max-active} → {@code EXPORTS_JOBS_MAX_ACTIVE}. */
    static String variable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** After the settings files are read, so that a name given in one counts too. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
