package com.coaching.exports.api.support;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.testkit.Tokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The API over real HTTP on a random port, with a real PostgreSQL and AMQP broker: those named by
 * SPRING_DATASOURCE_* and SPRING_RABBITMQ_* when set, the embedded stand-ins otherwise. It creates
 * the platform's tables (db/source) in that database, as the run command does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = ApiApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + ApiApplication.CONFIG_NAME,
            "exports.jwt.secret=" + Tokens.SECRET,
            "exports.links.secret=" + Tokens.LINK_SECRET,
            "exports.destinations.key=" + Tokens.DESTINATIONS_KEY,
            // the tests' destinations are servers on this machine
            "exports.destinations.allow-private-networks=true",
            Tokens.ALLOW_DEV_SECRETS + "=true",
            "exports.source.migrate=true"
        })
public @interface ApiTest {}
