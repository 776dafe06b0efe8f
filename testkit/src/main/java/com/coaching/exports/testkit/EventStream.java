package com.coaching.exports.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server-sent event stream read as a client does, line by line as it arrives: each event (and
 * comment line) with the moment it arrived. The answer's status and headers, each event's job and
 * an error's body are checked against the API's description ({@link ApiContract}).
 */
public final class EventStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Event END = new Event(null, null, null, null, 0);
    private static final String STREAM_PLACEHOLDER = ": a stream\n\n";
    private static final String MISMATCH = "contract-mismatch";

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> arrived = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    private final @Nullable String errorBody;
    private volatile boolean ended;

    /** @param contract what the answer is checked against; null for no check (the benchmark's) */
    private EventStream(HttpResponse<InputStream> response, @Nullable ApiContract contract, URI uri) {
        this.response = response;
        if (response.statusCode() != 200) {
            errorBody = readAll(response.body());
            if (contract != null) {
                contract.check("GET", uri, new StreamAnswer(response, errorBody));
            }
            ended = true;
            return;
        }
        errorBody = null;
        // the status and headers here; the body, which has no end yet, event by event (each one's job)
        if (contract != null) {
            contract.check("GET", uri, new StreamAnswer(response, STREAM_PLACEHOLDER));
        }
        Thread reader = new Thread(() -> read(contract), "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} with the token and any headers (name, value, ...); returns once the head arrived. */
    public static EventStream open(URI base, @Nullable String token, String path, String... headers) {
        URI uri = base.resolve(path);
        return new EventStream(
                StreamRequest.send(StreamRequest.newClient(), uri, token, headers), ApiContract.of(base), uri);
    }

    /**
     * The same through {@code http}, a client the caller keeps, and without the check against the
     * API's description: for the benchmark, which opens one stream after another and times them, and
     * where the check's CPU would be counted in the time an event takes to arrive.
     */
    public static EventStream openUnchecked(HttpClient http, URI base, String token, String path) {
        URI uri = base.resolve(path);
        return new EventStream(StreamRequest.send(http, uri, token), null, uri);
    }

    public int status() {
        return response.statusCode();
    }

    public @Nullable String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an answer that is not a stream (an error). */
    public JsonNode problem() {
        return JSON.readTree(errorBody);
    }

    /** The next event (comment lines skipped), or null when none came within {@code timeout} or the stream ended. */
    public @Nullable Event next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = take(deadline);
            if (event == null || event.comment() == null) {
                return event;
            }
        }
    }

    /** The next event or comment line, or null when none came within {@code timeout} or the stream ended. */
    public @Nullable Event nextOrComment(Duration timeout) {
        return take(System.nanoTime() + timeout.toNanos());
    }

    /** Whether the server ended the stream; waits up to {@code timeout} for it. */
    public boolean endsWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended || !arrived.isEmpty()) {
            if (take(deadline) == null && !ended) {
                return false;
            }
        }
        return true;
    }

    /** Every event and comment taken so far. */
    public List<Event> seen() {
        return List.copyOf(seen);
    }

    /** Everything the stream sent so far, as it came. */
    public synchronized String raw() {
        return raw.toString();
    }

    /** Hangs up, as a client that goes away. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // gone either way
        }
    }

    @SuppressWarnings("ReferenceEquality") // END is a marker: only that very object ends the stream
    private @Nullable Event take(long deadline) {
        try {
            Event event = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                return null;
            }
            if (event == END) {
                ended = true;
                return null;
            }
            if (MISMATCH.equals(event.name())) {
                throw new AssertionError(event.data());
            }
            seen.add(event);
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void read(@Nullable ApiContract contract) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (this) {
                    raw.append(line).append('\n');
                }
                if (line.isEmpty()) {
                    if (data != null) {
                        long at = System.nanoTime(); // when it arrived, not when it was checked
                        String json = data.toString();
                        if (contract != null) {
                            contract.checkJob(json);
                        }
                        arrived.add(new Event(id, name, json, null, at));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    arrived.add(new Event(null, null, null, line.substring(1).trim(), System.nanoTime()));
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    name = value(line);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(value(line));
                }
            }
        } catch (IOException e) {
            // closed by the client (close()) or cut off: the stream ends here either way
        } catch (AssertionError e) {
            arrived.add(new Event(null, MISMATCH, e.getMessage(), null, System.nanoTime()));
        } finally {
            arrived.add(END);
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static String readAll(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One event as it arrived: {@code comment} is set for a comment line and nothing else is.
     *
     * @param nanos {@link System#nanoTime()} on arrival
     */
    public record Event(
            @Nullable String id,
            @Nullable String name,
            @Nullable String data,
            @Nullable String comment,
            long nanos) {

        public JsonNode json() {
            return JSON.readTree(data);
        }

        public long idNumber() {
            return Long.parseLong(id);
        }
    }
}
