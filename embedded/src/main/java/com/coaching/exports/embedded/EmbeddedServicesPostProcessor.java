package com.coaching.exports.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts a local stand-in for each backing service the application was given no address for, and
 * points the application at it. Registered in {@code META-INF/spring.factories}, so putting this jar
 * on the classpath is all it takes; an application configured for real services starts nothing.
 * <ul>
 * <li>no {@code spring.datasource.url}: embedded PostgreSQL</li>
 * <li>neither {@code spring.rabbitmq.host} nor {@code spring.rabbitmq.addresses}: embedded AMQP 0-9-1 broker</li>
 * <li>no {@code exports.storage.endpoint}: embedded S3 server, with bucket {@code exports.storage.bucket}</li>
 * <li>no {@code spring.mail.host}: embedded SMTP server</li>
 * </ul>
 * A blank value counts as absent. {@code exports.embedded.enabled=false} turns it all off.
 */
public class EmbeddedServicesPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** Name of the property source holding the stand-ins' settings. */
    public static final String PROPERTY_SOURCE_NAME = "embeddedServices";

    private final Log log;

    /**
     * The only constructor, as Spring's factories loader falls back to a no-arg one when there are several.
     * Outside Spring Boot's startup pass {@code Supplier::get} to log straight away.
     */
    public EmbeddedServicesPostProcessor(DeferredLogFactory logFactory) {
        // deferred: Boot's logging system is not set up yet, lines are replayed once it is
        this.log = logFactory.getLog(EmbeddedServicesPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, @Nullable SpringApplication application) {
        EmbeddedSettings settings = EmbeddedSettings.from(environment);
        if (!settings.enabled()) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (absent(environment, "spring.datasource.url")) {
            properties.putAll(use(EmbeddedServices.postgres(settings)));
        }
        if (absent(environment, "spring.rabbitmq.host") && absent(environment, "spring.rabbitmq.addresses")) {
            properties.putAll(use(EmbeddedServices.broker(settings)));
        }
        if (absent(environment, "exports.storage.endpoint")) {
            properties.putAll(use(EmbeddedServices.objectStore(settings)));
            properties.put("exports.storage.bucket", settings.bucket());
        }
        if (absent(environment, "spring.mail.host")) {
            properties.putAll(use(EmbeddedServices.mail(settings)));
        }
        if (!properties.isEmpty()) {
            // first, not last: the stand-in's credentials must beat defaults aimed at a real service that an
            // application.yml may carry (e.g. spring.rabbitmq.username: ${RABBIT_USER:exports})
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        }
    }

    private Map<String, Object> use(EmbeddedServices.Started<?> started) {
        if (started.startedByThisCall()) {
            log.info("Started embedded " + started.standIn().description() + " in "
                    + started.took().toMillis() + " ms");
        } else if (log.isDebugEnabled()) {
            log.debug("Using embedded " + started.standIn().description());
        }
        return started.standIn().properties();
    }

    private static boolean absent(Environment environment, String key) {
        return !StringUtils.hasText(environment.getProperty(key));
    }

    /** After config data, so that application.yml and profiles count as settings. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
