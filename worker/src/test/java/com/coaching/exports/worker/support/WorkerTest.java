package com.coaching.exports.worker.support;

import com.coaching.exports.shared.secret.DevSecrets;
import com.coaching.exports.worker.WorkerApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The worker with a real PostgreSQL, AMQP broker and S3 server: those configured through the
 * environment, the embedded stand-ins otherwise. Its management port (health, prometheus) listens
 * on a random port, {@code local.server.port}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = WorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + WorkerApplication.CONFIG_NAME,
            // leases checked every second, so crash tests do not wait for the production rhythm
            "exports.worker.heartbeat-interval=1s",
            "exports.links.secret=" + DevSecrets.TEST_LINKS,
            "exports.destinations.key=" + DevSecrets.TEST_DESTINATIONS_KEY,
            DevSecrets.ALLOW + "=true",
            "exports.mail.interval=500ms",
            // cached contexts of other test classes keep running: only the webhook tests' own context (a short
            // interval, closed after its class) sends webhooks, so their endpoints see their own settings only
            "exports.webhooks.interval=1h",
            // the same for deliveries to destinations: only the delivery tests' own context delivers
            "exports.destinations.interval=1h",
            // the platform's tables (db/source) in the test database, as the run command has them
            "exports.source.migrate=true"
        })
public @interface WorkerTest {}
