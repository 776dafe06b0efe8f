package com.coaching.exports.shared.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.creation.JobLimits;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The job limits' old names, {@code EXPORTS_API_*}, still set them, and say once that they are deprecated. */
class RenamedSettingsTest {

    final List<String> warnings = new ArrayList<>();

    @Test
    void the_old_environment_variables_still_set_the_job_limits_with_one_warning_naming_the_new_ones() {
        var environment =
                environment(Map.of("EXPORTS_API_MAX_ACTIVE_JOBS", "7", "EXPORTS_API_BULK_THRESHOLD_ROWS", "10"));

        renamed().postProcessEnvironment(environment, new SpringApplication());

        assertThat(limits(environment)).isEqualTo(new JobLimits(7, 10));
        assertThat(warnings)
                .containsExactly("Deprecated settings:"
                        + " exports.api.bulk-threshold-rows (EXPORTS_API_BULK_THRESHOLD_ROWS): use"
                        + " exports.jobs.bulk-threshold-rows (EXPORTS_JOBS_BULK_THRESHOLD_ROWS);"
                        + " exports.api.max-active-jobs (EXPORTS_API_MAX_ACTIVE_JOBS): use"
                        + " exports.jobs.max-active-per-trainer (EXPORTS_JOBS_MAX_ACTIVE_PER_TRAINER)");
    }

    @Test
    void the_new_name_wins_over_the_old_one_which_is_reported_as_ignored() {
        var environment =
                environment(Map.of("EXPORTS_API_MAX_ACTIVE_JOBS", "7", "EXPORTS_JOBS_MAX_ACTIVE_PER_TRAINER", "3"));

        renamed().postProcessEnvironment(environment, new SpringApplication());

        assertThat(limits(environment).maxActivePerTrainer()).isEqualTo(3);
        assertThat(warnings)
                .containsExactly("Deprecated settings: exports.api.max-active-jobs (EXPORTS_API_MAX_ACTIVE_JOBS) is"
                        + " ignored: use exports.jobs.max-active-per-trainer (EXPORTS_JOBS_MAX_ACTIVE_PER_TRAINER)");
    }

    @Test
    void the_new_names_alone_warn_of_nothing() {
        var environment = environment(Map.of("EXPORTS_JOBS_MAX_ACTIVE_PER_TRAINER", "3"));

        renamed().postProcessEnvironment(environment, new SpringApplication());

        assertThat(limits(environment)).isEqualTo(new JobLimits(3, 100_000));
        assertThat(warnings).isEmpty();
    }

    @Test
    void a_started_application_reads_the_old_names_registered_in_spring_factories() {
        try (var started = new SpringApplicationBuilder(Limits.class)
                .web(WebApplicationType.NONE)
                .run("--exports.api.max-active-jobs=7")) {
            assertThat(started.getBean(JobLimits.class)).isEqualTo(new JobLimits(7, 100_000));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(JobLimits.class)
    static class Limits {}

    /** An environment as a started application has it: these variables, read with Boot's relaxed names. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static JobLimits limits(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("exports.jobs", JobLimits.class);
    }

    private RenamedSettings renamed() {
        Log log = (Log) Proxy.newProxyInstance(
                Log.class.getClassLoader(), new Class<?>[] {Log.class}, (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        warnings.add(String.valueOf(args[0]));
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        return new RenamedSettings(destination -> log);
    }
}
