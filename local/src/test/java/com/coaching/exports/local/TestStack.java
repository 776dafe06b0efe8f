package com.coaching.exports.local;

import com.coaching.exports.testkit.Tokens;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole system for a test: {@link LocalStack} with the test secrets, on ports of its own. */
public final class TestStack {

    /** Arguments, not settings: settings are defaults, which api.yml and worker.yml (8080-8082) beat. */
    public static final String[] RANDOM_PORTS = {"--server.port=0", "--management.server.port=0"};

    private TestStack() {}

    /**
     * Starts the API and a worker with {@code settings} on top of the test secrets, and {@code workerSettings}
     * for the worker alone, made from the running API; {@code args} beat them all.
     */
    public static LocalStack start(
            Map<String, Object> settings,
            Function<ConfigurableApplicationContext, Map<String, Object>> workerSettings,
            String... args) {
        Map<String, Object> all = new HashMap<>(Tokens.devSecrets());
        all.putAll(settings);
        return LocalStack.start(
                all,
                workerSettings,
                Stream.concat(Stream.of(RANDOM_PORTS), Stream.of(args)).toArray(String[]::new));
    }
}
