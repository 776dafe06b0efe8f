package com.coaching.exports.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;
import org.jspecify.annotations.Nullable;

/**
 * Apache Qpid Broker-J speaking AMQP 0-9-1 on 127.0.0.1, in-memory store, user guest/guest.
 * SASL PLAIN (the RabbitMQ client's only default mechanism) is allowed without TLS, unlike Broker-J's default.
 * Connections to virtual host {@code /} (Spring AMQP's default) land on the default virtual host:
 * Broker-J strips the leading slash and its default alias maps the empty name to the default node.
 */
final class EmbeddedBroker implements StandIn {

    static final String USER = "guest";
    static final String PASSWORD = "guest";
    static final String VIRTUAL_HOST = "/";

    private final SystemLauncher launcher;
    private final int port;

    private EmbeddedBroker(SystemLauncher launcher, int port) {
        this.launcher = launcher;
        this.port = port;
    }

    /** @param port 0 for any free port */
    static EmbeddedBroker start(Path workDir, int port) {
        Listener listener = new Listener();
        SystemLauncher launcher = new SystemLauncher(listener);
        try {
            launcher.startup(systemConfig(workDir, port));
        } catch (Exception ex) {
            throw new IllegalStateException("Embedded AMQP broker did not start", ex);
        }
        // SystemLauncher reports startup failures to its listener instead of throwing them
        SystemConfig<?> config = listener.systemConfig;
        if (listener.startupError != null || config == null) {
            launcher.shutdown();
            throw new IllegalStateException("Embedded AMQP broker did not start", listener.startupError);
        }
        return new EmbeddedBroker(launcher, boundAmqpPort(config));
    }

    private static Map<String, Object> systemConfig(Path workDir, int port) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        // file: URLs, because the default classpath: URLs do not resolve inside a Spring Boot fat jar
        attributes.put(
                SystemConfig.INITIAL_CONFIGURATION_LOCATION,
                write(workDir.resolve("initial-config.json"), initialConfig(port))
                        .toUri()
                        .toString());
        attributes.put(
                SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION,
                write(
                                workDir.resolve("system.properties"),
                                // per-connection operational messages would flood the application log; -D... still wins
                                "qpid.broker_status_updates=false\n")
                        .toUri()
                        .toString());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        attributes.put(
                SystemConfig.CONTEXT,
                Map.of(
                        // otherwise Broker-J works in ${user.dir}/work
                        SystemConfig.PROPERTY_QPID_WORK,
                        workDir.toString(),
                        SystemConfig.QPID_WORK_DIR,
                        workDir.toString(),
                        // Broker-J requeues a 0-9-1 basic.reject(requeue=false) unless the message reached the
                        // queue's maximum delivery count: with 1, a rejected message is dropped as on RabbitMQ
                        // (there the export queue's policy dead-letters it)
                        "queue.maximumDeliveryAttempts",
                        "1"));
        return attributes;
    }

    private static String initialConfig(int port) {
        return """
                {
                  "name": "embedded",
                  "modelVersion": "9.1",
                  "authenticationproviders": [ {
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [ { "name": "%s", "type": "managed", "password": "%s" } ]
                  } ],
                  "ports": [ {
                    "name": "AMQP",
                    "port": %d,
                    "bindingAddress": "127.0.0.1",
                    "authenticationProvider": "plain",
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" }
                    ]
                  } ],
                  "virtualhostnodes": [ {
                    "name": "default",
                    "type": "Memory",
                    "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{ \\"type\\": \\"Memory\\" }"
                  } ]
                }
                """.formatted(USER, PASSWORD, port);
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot write " + file, ex);
        }
    }

    private static int boundAmqpPort(SystemConfig<?> systemConfig) {
        Broker<?> broker = (Broker<?>) systemConfig.getContainer();
        return broker.getChildren(Port.class).stream()
                .filter(AmqpPort.class::isInstance)
                .mapToInt(Port::getBoundPort)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Embedded AMQP broker has no AMQP port"));
    }

    int port() {
        return port;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of(
                "spring.rabbitmq.host", "127.0.0.1",
                "spring.rabbitmq.port", port,
                "spring.rabbitmq.username", USER,
                "spring.rabbitmq.password", PASSWORD,
                "spring.rabbitmq.virtual-host", VIRTUAL_HOST);
    }

    @Override
    public String description() {
        return "AMQP 0-9-1 broker (Qpid Broker-J) at amqp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            launcher.shutdown();
        } catch (RuntimeException ex) {
            // shutting down anyway
        }
    }

    private static final class Listener extends SystemLauncherListener.DefaultSystemLauncherListener {

        private volatile @Nullable RuntimeException startupError;

        private volatile @Nullable SystemConfig<?> systemConfig;

        @Override
        public void errorOnStartup(RuntimeException ex) {
            startupError = ex;
        }

        @Override
        public void onContainerResolve(SystemConfig<?> config) {
            systemConfig = config;
        }
    }
}
