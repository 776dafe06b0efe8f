package com.coaching.exports.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.worker.support.SourceRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What the fault tests do alike: ask for exports, read their state, let an outage last, place a worker's store. */
final class FaultCases {

    static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private FaultCases() {}

    /** Asks for an export; the API must take it ({@code 202}). */
    static String submit(ApiClient api, String body) {
        var response = api.post("/api/v1/exports", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().get("id").asString();
    }

    /** The job's state as its trainer reads it; null while the API cannot say (503 during an outage). */
    static String status(ApiClient api, String id) {
        var response = api.get("/api/v1/exports/" + id);
        return response.status() == 200 ? response.json().get("status").asString() : null;
    }

    static boolean ended(String status) {
        return status != null && FINAL.contains(status);
    }

    /** An outage lasts a while: the system must see it, not only a blip. */
    static void outageOf(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }

    /** A trainer with a trainee and {@code payments} payments, one a second back from now. */
    static long trainerWithPayments(SourceRows rows, String name, String email, int payments) {
        long trainer = rows.trainer(name, "Fault", email);
        long trainee = rows.trainee(trainer, "Tim", "Test", "tim-" + email, true, Instant.now());
        rows.manyPayments(trainer, trainee, payments, "Row ");
        return trainer;
    }

    /**
     * A worker's arguments with its store behind {@code store}: the endpoint replaced, not repeated, as a
     * repeated argument is read as both values joined by a comma, which is no URL at all.
     */
    static List<String> storingThrough(String[] arguments, FaultyTcpProxy store) {
        List<String> args = new ArrayList<>(Stream.of(arguments)
                .filter(arg -> !arg.startsWith("--exports.storage.endpoint="))
                .toList());
        args.add("--exports.storage.endpoint=http://127.0.0.1:" + store.port());
        return args;
    }
}
