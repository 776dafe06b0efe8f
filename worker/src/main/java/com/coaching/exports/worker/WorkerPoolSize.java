package com.coaching.exports.worker;

import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.webhook.WebhookProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Sizes the worker's database pool ({@code spring.datasource.hikari.maximum-pool-size}) from what
 * holds its connections at once, unless the operator set it: each running export holds its snapshot
 * (on this pool unless the platform's rows come from a separate source) and writes its progress, so
 * two; each webhook sender, scheduling thread and outbox sender one; the clock's measurement one; and
 * one for the health check. Formula and defaults: docs/operations.md, "The worker's database pool".
 * Registered in {@code META-INF/spring.factories}; it touches the worker only, not an API that shares
 * its classpath (the run command).
 */
public class WorkerPoolSize implements EnvironmentPostProcessor, Ordered {

    static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";
    static final String MINIMUM_IDLE = "spring.datasource.hikari.minimum-idle";
    /**
     * Connections an idle worker keeps open: the pool grows to its size only while exports run, so
     * that a fleet of idle workers (or a test's cached contexts) does not hold 26 connections each.
     */
    static final int IDLE = 2;

    static final String PROPERTY_SOURCE_NAME = "workerPoolSize";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(WorkerApplication.class)
                || StringUtils.hasText(environment.getProperty(POOL_SIZE))) {
            return;
        }
        Map<String, Object> sized = new HashMap<>();
        sized.put(POOL_SIZE, of(environment));
        if (!StringUtils.hasText(environment.getProperty(MINIMUM_IDLE))) {
            sized.put(MINIMUM_IDLE, IDLE);
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, sized));
    }

    /** The connections the worker holds at once at most, as its settings say. */
    static int of(Environment environment) {
        int exports = consumers(environment, "exports.worker.concurrency")
                + consumers(environment, "exports.worker.bulk-concurrency");
        boolean snapshotsHere = !StringUtils.hasText(environment.getProperty("exports.source.datasource.url"));
        int perExport = snapshotsHere ? 2 : 1;
        int webhookSenders = environment.getProperty(
                "exports.webhooks.concurrency", Integer.class, Integer.parseInt(WebhookProperties.DEFAULT_CONCURRENCY));
        // Boot's own default when the setting is absent: one thread
        int scheduling = environment.getProperty("spring.task.scheduling.pool.size", Integer.class, 1);
        int clock = 1;
        int health = 1;
        return exports * perExport + webhookSenders + scheduling + JobPublisher.SENDERS + clock + health;
    }

    /** A listener's concurrency, {@code n} or {@code min-max}: the most consumers it runs. */
    private static int consumers(Environment environment, String key) {
        String value = environment.getProperty(key, "1").trim();
        return Integer.parseInt(value.substring(value.indexOf('-') + 1).trim());
    }

    /** After the settings files, so that worker.yml's consumers count. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
