package com.coaching.exports.shared.source;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's database ({@link SourceDatabase}), and its tables where the run command or a test
 * asks for them ({@code exports.source.migrate}): in the service's own database, as part of its
 * Flyway history, or with a Flyway history of their own in a separate source.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SourceProperties.class)
public class SourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SourceConfiguration.class);

    @Bean
    SourceDatabase sourceDatabase(SourceProperties properties, DataSource own) {
        if (!properties.separate()) {
            return new SourceDatabase(own, null);
        }
        SourceProperties.DataSource settings = properties.datasource();
        if (properties.migrate()) {
            // before the pool, which is read-only: this service writes nothing there
            Flyway.configure()
                    .dataSource(settings.url(), settings.username(), settings.password())
                    .locations(SourceProperties.MIGRATIONS)
                    .load()
                    .migrate();
        }
        HikariDataSource pool = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(settings.url())
                .username(settings.username())
                .password(settings.password())
                .build();
        pool.setPoolName("source");
        if (own instanceof HikariDataSource service) {
            // the same connect, socket and statement timeouts as the service's own pool (exports-shared.yml)
            service.getDataSourceProperties()
                    .forEach((name, value) -> pool.addDataSourceProperty((String) name, value));
        }
        pool.setReadOnly(true);
        // PgJDBC makes an autocommit connection read-only only when told to "always"
        pool.addDataSourceProperty("readOnlyMode", "always");
        pool.setMaximumPoolSize(settings.maximumPoolSize());
        pool.setConnectionTimeout(settings.connectionTimeout().toMillis());
        log.info(
                "platform rows are read from a separate database: {}",
                settings.url().replaceAll("\\?.*", ""));
        return new SourceDatabase(pool, pool);
    }

    /** The platform's tables in the service's own database, in its one Flyway history, as the demo has always had them. */
    @Bean
    FlywayConfigurationCustomizer sourceTablesInOwnDatabase(SourceProperties properties) {
        return configuration -> {
            if (!properties.migrate() || properties.separate()) {
                return;
            }
            List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
            Location source = new Location(SourceProperties.MIGRATIONS);
            if (locations.stream()
                    .noneMatch(location -> location.getDescriptor().equals(source.getDescriptor()))) {
                locations.add(source);
                configuration.locations(locations.toArray(Location[]::new));
                // the platform's tables depend on none of the service's: where a process without them
                // migrated the database first (a worker started before the API), they still apply
                configuration.outOfOrder(true);
            }
        };
    }

    /** A separate source's health in the full health ({@code source}); the service's own is {@code db}. */
    @Bean
    HealthIndicator sourceHealthIndicator(SourceDatabase source) {
        return () -> {
            if (!source.separate()) {
                return Health.up()
                        .withDetail("database", "the service's own (db)")
                        .build();
            }
            try {
                source.jdbc().sql("select 1").query(Integer.class).single();
                return Health.up().withDetail("database", "separate").build();
            } catch (RuntimeException e) {
                return Health.down(e).withDetail("database", "separate").build();
            }
        };
    }
}
