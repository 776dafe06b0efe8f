package com.coaching.exports.bench;

import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.EventStream;
import com.coaching.exports.testkit.EventStream.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * {@code small_event_p50_ms}: from the POST of a small export to the arrival of its job's terminal
 * event on {@code GET /api/v1/exports/{id}/events}, as a client that follows the stream sees it.
 */
final class EventLatency {

    private static final Set<String> ACTIVE = Set.of("QUEUED", "RUNNING");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private EventLatency() {}

    /**
     * The median over {@code jobs} exports of {@code body}, one after the other, in milliseconds, after
     * {@code warmUp} unmeasured ones: the stream's code is compiled by then, as the rest of a small
     * export's is when it is measured.
     */
    static double p50Ms(URI base, String token, String body, int warmUp, int jobs) {
        ApiClient trainer = new ApiClient(base, token).unchecked();
        // as a client that follows its jobs keeps its HTTP client: only the stream's connection is new
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < warmUp + jobs; i++) {
            long posted = System.nanoTime();
            var created = trainer.post("/api/v1/exports", body);
            if (created.status() != 202) {
                throw new IllegalStateException("POST answered " + created);
            }
            String id = created.json().get("id").asString();
            double ms = (terminalEventArrival(http, base, token, id) - posted) / 1e6;
            if (i >= warmUp) {
                latencies.add(ms);
            }
        }
        Collections.sort(latencies);
        return latencies.get((latencies.size() - 1) / 2);
    }

    private static long terminalEventArrival(HttpClient http, URI base, String token, String id) {
        try (EventStream events = EventStream.openUnchecked(http, base, token, "/api/v1/exports/" + id + "/events")) {
            if (events.status() != 200) {
                throw new IllegalStateException("the stream of " + id + " answered " + events.status());
            }
            for (Event event = events.next(TIMEOUT); event != null; event = events.next(TIMEOUT)) {
                String status = event.json().get("status").asString();
                if (!ACTIVE.contains(status)) {
                    if (!status.equals("SUCCEEDED")) {
                        throw new IllegalStateException("export " + id + " ended " + status);
                    }
                    return event.nanos();
                }
            }
            throw new IllegalStateException("the stream of " + id + " ended without the job's end");
        }
    }
}
