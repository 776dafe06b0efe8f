package com.coaching.exports.embedded.faults;

import com.coaching.exports.embedded.EmbeddedServicesPostProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The backing services, each behind a {@link FaultyTcpProxy}: PostgreSQL, the AMQP broker, the object store
 * and the SMTP server. They are the ones the ordinary settings name (environment, system properties, the given
 * settings), the embedded stand-ins otherwise, started here first. Applications get the proxies' addresses as
 * command-line arguments ({@link #arguments()}) or system properties ({@link #settings()}), which beat the
 * environment, so a configured service is reached through its proxy too. Downloads (the store's public
 * endpoint) and {@link #direct()} checks bypass the proxies.
 */
public final class FaultyServices implements AutoCloseable {

    private static final Pattern JDBC_HOST_PORT = Pattern.compile("^(jdbc:postgresql://)([^:/?]+)(?::(\\d+))?(.*)$");

    private final Map<String, String> direct;
    private final Map<String, String> proxied;
    private final FaultyTcpProxy database;
    private final FaultyTcpProxy broker;
    private final FaultyTcpProxy store;
    private final FaultyTcpProxy mail;

    private FaultyServices(Map<String, String> direct) throws IOException {
        this.direct = direct;
        Matcher jdbc = JDBC_HOST_PORT.matcher(direct.get("spring.datasource.url"));
        if (!jdbc.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/… URL: " + jdbc);
        }
        URI storeEndpoint = URI.create(direct.get("exports.storage.endpoint"));
        this.database = new FaultyTcpProxy(
                "postgres", jdbc.group(2), jdbc.group(3) == null ? 5432 : Integer.parseInt(jdbc.group(3)));
        this.broker = new FaultyTcpProxy(
                "broker",
                Objects.requireNonNull(direct.get("spring.rabbitmq.host"), "spring.rabbitmq.host"),
                Integer.parseInt(direct.getOrDefault("spring.rabbitmq.port", "5672")));
        this.store = new FaultyTcpProxy(
                "store", storeEndpoint.getHost(), storeEndpoint.getPort() > 0 ? storeEndpoint.getPort() : 80);
        this.mail = new FaultyTcpProxy(
                "smtp",
                direct.getOrDefault("spring.mail.host", "127.0.0.1"),
                Integer.parseInt(direct.getOrDefault("spring.mail.port", "25")));
        this.proxied = new LinkedHashMap<>(direct);
        proxied.put("spring.datasource.url", jdbc.group(1) + "127.0.0.1:" + database.port() + jdbc.group(4));
        proxied.put("spring.rabbitmq.host", "127.0.0.1");
        proxied.put("spring.rabbitmq.port", Integer.toString(broker.port()));
        proxied.put(
                "exports.storage.endpoint",
                storeEndpoint.getScheme() + "://127.0.0.1:" + store.port() + storeEndpoint.getRawPath());
        // clients download from the store itself: a fault between worker and store is not one on the way home
        proxied.put(
                "exports.storage.public-endpoint",
                direct.getOrDefault("exports.storage.public-endpoint", direct.get("exports.storage.endpoint")));
        proxied.put("spring.mail.host", "127.0.0.1");
        proxied.put("spring.mail.port", Integer.toString(mail.port()));
    }

    /** The settings that say where the services are, as an application's environment resolves them. */
    public static final List<String> SERVICE_SETTINGS = List.of(
            "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password",
            "spring.rabbitmq.host",
            "spring.rabbitmq.port",
            "spring.rabbitmq.username",
            "spring.rabbitmq.password",
            "spring.rabbitmq.virtual-host",
            "exports.storage.endpoint",
            "exports.storage.public-endpoint",
            "exports.storage.bucket",
            "exports.storage.region",
            "exports.storage.access-key",
            "exports.storage.secret-key",
            "exports.storage.path-style-access",
            "spring.mail.host",
            "spring.mail.port");

    /**
     * Starts the stand-ins that are not configured (with {@code settings}, e.g. {@code exports.embedded.dir})
     * and a proxy in front of each service.
     */
    public static FaultyServices start(Map<String, ?> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("settings", new LinkedHashMap<>(settings)));
        new EmbeddedServicesPostProcessor(Supplier::get).postProcessEnvironment(environment, null);
        if (environment.getProperty("spring.rabbitmq.addresses") != null) {
            throw new IllegalStateException("spring.rabbitmq.addresses is not supported here: set host and port");
        }
        Map<String, String> direct = new LinkedHashMap<>();
        for (String key : SERVICE_SETTINGS) {
            String value = environment.getProperty(key);
            if (value != null) {
                direct.put(key, value);
            }
        }
        try {
            return new FaultyServices(direct);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where each service is, through its proxy (the store's public endpoint excepted). */
    public Map<String, String> settings() {
        return Map.copyOf(proxied);
    }

    /** {@link #settings()} as {@code --key=value} arguments, which beat environment variables. */
    public String[] arguments() {
        List<String> arguments = new ArrayList<>();
        proxied.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    /** Where each service really is: for checks that must not see the faults. */
    public Map<String, String> direct() {
        return Map.copyOf(direct);
    }

    public FaultyTcpProxy database() {
        return database;
    }

    public FaultyTcpProxy broker() {
        return broker;
    }

    public FaultyTcpProxy store() {
        return store;
    }

    public FaultyTcpProxy mail() {
        return mail;
    }

    public List<FaultyTcpProxy> all() {
        return List.of(database, broker, store, mail);
    }

    /** Every proxy passes again, at full speed and with no trigger armed; black-holed connections stay dead. */
    public void healAll() {
        for (FaultyTcpProxy proxy : all()) {
            proxy.heal();
            proxy.slowUploadsTo(0);
            proxy.disarm();
        }
    }

    /** {@link #healAll()}, and the connections black holes held are reset: a clean slate for the next fault. */
    public void restoreAll() {
        healAll();
        all().forEach(FaultyTcpProxy::resetDeadConnections);
    }

    @Override
    public void close() throws IOException {
        for (FaultyTcpProxy proxy : all()) {
            proxy.close();
        }
    }
}
