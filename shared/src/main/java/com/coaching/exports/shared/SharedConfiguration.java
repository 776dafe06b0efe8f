package com.coaching.exports.shared;

import com.coaching.exports.shared.clock.ClockProperties;
import com.coaching.exports.shared.clock.DatabaseClock;
import com.coaching.exports.shared.schedule.ScheduleProperties;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** What api and worker share beyond the job model: time and JSON reading rules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ClockProperties.class, ScheduleProperties.class})
public class SharedConfiguration {

    /**
     * UTC time as the database tells it, so that every process compares leases, heartbeats and
     * schedules on one clock; injected so tests can move it.
     */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    DatabaseClock clock(DataSource dataSource, ClockProperties properties) {
        return new DatabaseClock(Clock.systemUTC(), dataSource, properties.refreshInterval());
    }

    /**
     * JSON numbers and booleans are what they say: no silent "30" → 30, 30.5 → 30 or "" → the
     * default; and a field given twice is refused rather than the last one winning, as parsers
     * disagree on which one counts.
     */
    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(
                        LogicalType.Integer,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
