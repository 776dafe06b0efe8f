package com.coaching.exports.shared.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One trace per export (docs/architecture.md, "Traces"): the spans of its steps, its W3C {@code
 * traceparent} kept with the job so that a publish after the request (the outbox sweeper's, a
 * requeue's) continues the trace, and the context carried in the message's headers. With tracing off
 * ({@link TracingSwitch}) the tracer is Micrometer's no-op one: no span, no traceparent.
 */
@Component
public class Traces {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    /** No tracing, for code made outside the application context (a test's upload). */
    public static final Traces OFF = new Traces(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    /** Boot's tracer and propagator when tracing is on; otherwise (no beans, or Boot's no-op tracer) none. */
    @Autowired
    public Traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    private Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The W3C traceparent of the span in scope; null when there is none (tracing off). */
    public @Nullable String traceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        return "00-" + context.traceId() + "-" + context.spanId()
                + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /** The trace id a traceparent names; null for none. */
    public static @Nullable String traceId(@Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher parts = TRACEPARENT.matcher(traceparent);
        return parts.matches() ? parts.group(1) : null;
    }

    /** Runs {@code work} in a span named {@code name}, a child of the span in scope (or a trace of its own). */
    public <T, E extends Exception> T inSpan(String name, Work<T, E> work) throws E {
        return run(tracer.nextSpan().name(name).start(), work);
    }

    /** As {@link #inSpan(String, Work)}, for work that returns nothing. */
    public void runInSpan(String name, Runnable work) {
        inSpan(name, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    /**
     * Starts a span named {@code name}, a child of the span in scope, and puts it in scope until the
     * answer is closed: for work that throws more than one checked exception.
     */
    public OpenSpan open(String name) {
        Span span = tracer.nextSpan().name(name).start();
        Tracer.SpanInScope scope = tracer.withSpan(span);
        return () -> {
            scope.close();
            span.end();
        };
    }

    /** Tags the span in scope, if there is one. */
    public void tag(String key, Object value) {
        Span current = tracer.currentSpan();
        if (current != null) {
            current.tag(key, String.valueOf(value));
        }
    }

    /**
     * Runs {@code send} in a producer span, a child of the stored {@code traceparent} (or of the span in
     * scope when null), whose context it hands to {@code header} to write into the message.
     */
    public <T, E extends Exception> T sending(
            String name, @Nullable String traceparent, BiConsumer<String, String> header, Work<T, E> send) throws E {
        Span.Builder builder = tracer.spanBuilder().name(name).kind(Span.Kind.PRODUCER);
        TraceContext parent = traceparent != null
                ? parse(traceparent)
                : tracer.currentTraceContext().context();
        if (parent != null) {
            builder.setParent(parent);
        }
        Span span = builder.start();
        propagator.inject(span.context(), header, (carrier, key, value) -> header.accept(key, value));
        return run(span, send);
    }

    /** Runs {@code work} in a consumer span that continues the context read from a message's headers. */
    public <T, E extends Exception> T receiving(String name, Function<String, @Nullable String> header, Work<T, E> work)
            throws E {
        Span span = propagator
                .extract(header, (headers, key) -> headers.apply(key))
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .start();
        return run(span, work);
    }

    /** {@code task}, to run on another thread in the trace context of this one, as it is now. */
    public <T> Callable<T> inThisContext(Callable<T> task) {
        return tracer.currentTraceContext().wrap(task);
    }

    private <T, E extends Exception> T run(Span span, Work<T, E> work) throws E {
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.call();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private @Nullable TraceContext parse(String traceparent) {
        Matcher parts = TRACEPARENT.matcher(traceparent);
        if (!parts.matches()) {
            return null;
        }
        return tracer.traceContextBuilder()
                .traceId(parts.group(1))
                .spanId(parts.group(2))
                .sampled("01".equals(parts.group(3)))
                .build();
    }

    /** A span in scope until closed. */
    @FunctionalInterface
    public interface OpenSpan extends AutoCloseable {
        @Override
        void close();
    }

    /** Work done in a span: returns a value, may throw {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T call() throws E;
    }
}
