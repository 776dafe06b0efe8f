package com.coaching.exports.embedded;

import com.icegreen.greenmail.util.GreenMail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;

/**
 * The JVM-wide stand-ins. Each one starts at most once per JVM, on first demand, so every Spring
 * application and every cached test context in the JVM talks to the same instance. They stop when
 * the JVM exits, after Spring Boot has closed the application contexts (so connection pools do not
 * see their server vanish first).
 */
public final class EmbeddedServices {

    // insertion order = start order
    private static final Map<Class<? extends StandIn>, StandIn> running = new LinkedHashMap<>();

    private static final String SPRING_SHUTDOWN_HOOK_THREAD = "SpringApplicationShutdownHook";

    // Boot's graceful shutdown phases default to 30 s each; more than that and we stop regardless
    private static final Duration SPRING_SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private static @Nullable DataLocation location;

    /**
     * Each stand-in starts on a thread of a thread group of its own, {@code embedded-<name>}, which
     * the threads it starts inherit: the benchmark tells the CPU of the broker and the store from the
     * API's in the same JVM by it.
     */
    public static final String THREAD_GROUP_PREFIX = "embedded-";

    public static final String BROKER = "broker";

    public static final String STORE = "store";

    private EmbeddedServices() {}

    /**
     * The embedded SMTP server, to read what the application sent, e.g.
     * {@code EmbeddedServices.mail().getReceivedMessages()}.
     * @throws IllegalStateException if no application started it (e.g. {@code spring.mail.host} was set)
     */
    public static synchronized GreenMail mail() {
        EmbeddedMail mail = (EmbeddedMail) running.get(EmbeddedMail.class);
        if (mail == null) {
            throw new IllegalStateException("The embedded SMTP server is not running: no Spring application in this"
                    + " JVM started without spring.mail.host");
        }
        return mail.greenMail();
    }

    static Started<EmbeddedPostgresServer> postgres(EmbeddedSettings settings) {
        return obtain(
                EmbeddedPostgresServer.class,
                "postgres",
                settings,
                location -> EmbeddedPostgresServer.start(
                        location.directoryFor("postgres"), location.persistent(), settings.postgresPort()));
    }

    static Started<EmbeddedBroker> broker(EmbeddedSettings settings) {
        return obtain(
                EmbeddedBroker.class,
                BROKER,
                settings,
                location -> EmbeddedBroker.start(location.directoryFor("broker"), settings.brokerPort()));
    }

    /** Also creates {@code settings.bucket()}, which may differ between applications sharing the server. */
    static Started<EmbeddedObjectStore> objectStore(EmbeddedSettings settings) {
        Started<EmbeddedObjectStore> started = obtain(
                EmbeddedObjectStore.class,
                STORE,
                settings,
                location -> EmbeddedObjectStore.start(location.directoryFor("s3"), settings.s3Port()));
        started.standIn().ensureBucket(settings.bucket());
        return started;
    }

    static Started<EmbeddedMail> mail(EmbeddedSettings settings) {
        return obtain(EmbeddedMail.class, "mail", settings, location -> EmbeddedMail.start(settings.smtpPort()));
    }

    /** What is running now, in start order; for tests. */
    static synchronized List<String> running() {
        return running.values().stream().map(StandIn::description).toList();
    }

    private static synchronized <T extends StandIn> Started<T> obtain(
            Class<T> type, String name, EmbeddedSettings settings, Function<DataLocation, T> starter) {
        T existing = type.cast(running.get(type));
        if (existing != null) {
            return new Started<>(existing, false, Duration.ZERO);
        }
        if (location == null) {
            // the first application decides where data lives; later ones share it
            location = DataLocation.of(settings);
            registerShutdown();
        }
        long startNanos = System.nanoTime();
        DataLocation where = location;
        T standIn = inThreadGroup(THREAD_GROUP_PREFIX + name, () -> starter.apply(where));
        running.put(type, standIn);
        return new Started<>(standIn, true, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static <T> T inThreadGroup(String group, Supplier<T> start) {
        FutureTask<T> task = new FutureTask<>(start::get);
        new Thread(new ThreadGroup(group), task, group + "-start").start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(group + " did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(group + " did not start: interrupted", e);
        }
    }

    /**
     * Stops everything once Spring Boot has closed the application contexts, so that connection pools and
     * listener containers do not see their server vanish while they close. Boot runs its shutdown handlers
     * only where a SpringApplication registered Boot's JVM hook (not for a bare post-processor call, nor with
     * spring.main.register-shutdown-hook=false), hence a JVM hook of our own that first waits for Boot's.
     */
    private static void registerShutdown() {
        SpringApplication.getShutdownHandlers().add(EmbeddedServices::stopAll);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            awaitSpringShutdownHook();
                            stopAll();
                        },
                        "EmbeddedServicesShutdownHook"));
    }

    private static void awaitSpringShutdownHook() {
        // the JVM starts all hooks together; give Boot's a moment to show up before deciding it is absent
        long lookUntil = System.nanoTime() + Duration.ofMillis(200).toNanos();
        while (System.nanoTime() < lookUntil) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (SPRING_SHUTDOWN_HOOK_THREAD.equals(thread.getName())) {
                    try {
                        thread.join(SPRING_SHUTDOWN_WAIT.toMillis());
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static synchronized void stopAll() {
        List<StandIn> stopOrder = new ArrayList<>(running.values());
        Collections.reverse(stopOrder);
        stopOrder.forEach(StandIn::close);
        running.clear();
        if (location != null) {
            location.discardIfEphemeral();
            location = null;
        }
    }

    /**
     * A stand-in, whether this call started it (only then is it worth a log line; else an earlier
     * application in this JVM did) and how long that took.
     */
    record Started<T extends StandIn>(T standIn, boolean startedByThisCall, Duration took) {}
}
