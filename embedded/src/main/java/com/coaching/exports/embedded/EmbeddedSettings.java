package com.coaching.exports.embedded;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The {@code exports.embedded.*} knobs, read once per post-processing run. They are read before any
 * binding exists, so no {@code @ConfigurationProperties} record describes them: their metadata is written
 * by hand in {@code META-INF/spring-configuration-metadata.json}, beside the settings table in
 * docs/operations.md (a new knob goes into both, or {@code SettingsDocumentedTest} says so for the table).
 *
 * @param enabled       {@code exports.embedded.enabled}: false turns every stand-in off
 * @param dataDir       {@code exports.embedded.dir}: where data survives restarts; null for throw-away temp dirs
 * @param postgresPort  {@code exports.embedded.postgres-port}, 0 = any free port
 * @param brokerPort    {@code exports.embedded.broker-port}, 0 = any free port
 * @param s3Port        {@code exports.embedded.s3-port}, 0 = any free port
 * @param smtpPort      {@code exports.embedded.smtp-port}, 0 = any free port
 * @param bucket        {@code exports.storage.bucket}, the bucket the object store must hold
 */
record EmbeddedSettings(
        boolean enabled,
        @Nullable Path dataDir,
        int postgresPort,
        int brokerPort,
        int s3Port,
        int smtpPort,
        String bucket) {

    static final String PREFIX = "exports.embedded.";
    static final String DEFAULT_BUCKET = "exports";

    static EmbeddedSettings from(Environment environment) {
        String dir = environment.getProperty(PREFIX + "dir");
        return new EmbeddedSettings(
                environment.getProperty(PREFIX + "enabled", Boolean.class, true),
                StringUtils.hasText(dir) ? Path.of(dir).toAbsolutePath().normalize() : null,
                environment.getProperty(PREFIX + "postgres-port", Integer.class, 0),
                environment.getProperty(PREFIX + "broker-port", Integer.class, 0),
                environment.getProperty(PREFIX + "s3-port", Integer.class, 0),
                environment.getProperty(PREFIX + "smtp-port", Integer.class, 0),
                environment.getProperty("exports.storage.bucket", DEFAULT_BUCKET));
    }

    boolean persistent() {
        return dataDir != null;
    }
}
