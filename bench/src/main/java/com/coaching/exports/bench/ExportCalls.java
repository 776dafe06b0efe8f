package com.coaching.exports.bench;

import com.coaching.exports.testkit.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark's export requests: ask for one, wait for it to end (small ones through their row,
 * {@link JobWatch}; bulk ones through the API, rarely), and time a batch of small ones.
 */
final class ExportCalls {

    static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    /** How often a small export's row is looked at (JobWatch): its latency is what is measured. */
    static final Duration SMALL_POLL = Duration.ofMillis(2);
    /**
     * How often the rows of 100 small exports submitted at once are looked at: seldom, as their end is
     * read from the rows ({@code finished_at}), and each look is the benchmark's load on PostgreSQL,
     * counted in the service's CPU.
     */
    static final Duration ALL_POLL = Duration.ofMillis(100);

    static final Duration BULK_POLL = Duration.ofMillis(250);
    /** The one request of the benchmark; the trainer it is made for decides its size (N rows or 100). */
    static final String A_YEAR_OF_PAYMENTS = "{\"dataset\": \"payments\", \"days\": 365}";

    static final String A_YEAR_OF_PAYMENTS_XLSX = "{\"dataset\": \"payments\", \"days\": 365, \"format\": \"xlsx\"}";

    static final String A_YEAR_OF_PAYMENTS_JSONL = "{\"dataset\": \"payments\", \"days\": 365, \"format\": \"jsonl\"}";
    /** The N rows of payments and the big trainer's subscribers and trainees, in one ZIP from one snapshot. */
    static final String A_YEAR_BUNDLED = "{\"datasets\": [\"payments\", \"subscribers\", \"trainees\"], \"days\": 365}";
    /** A twelfth of the rows: several upload parts, to warm the multipart path before it is measured. */
    static final String A_MONTH_OF_PAYMENTS = "{\"dataset\": \"payments\", \"days\": 30}";

    private final JobWatch watch;

    ExportCalls(JobWatch watch) {
        this.watch = watch;
    }

    /** Until the worker process answers: a few small exports. */
    void warmUp(ApiClient trainer) {
        for (int i = 0; i < 5; i++) {
            exportAndWait(trainer, A_YEAR_OF_PAYMENTS, Duration.ofMinutes(2));
        }
    }

    /**
     * {@code jobs} exports submitted at once, per second from the first POST to the last one's end (its
     * {@code finished_at}, from this machine's clock as the first POST's time).
     */
    double jobsPerSecond(ApiClient trainer, int jobs) {
        Instant started = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(create(trainer, A_YEAR_OF_PAYMENTS));
        }
        Instant lastEnded = watch.awaitAllSucceeded(ids, Duration.ofMinutes(5), ALL_POLL);
        return jobs / (Duration.between(started, lastEnded).toNanos() / 1e9);
    }

    String exportAndWait(ApiClient trainer, String body, Duration timeout) {
        String id = create(trainer, body);
        String status = watch.awaitFinal(id, timeout, SMALL_POLL);
        if (!status.equals("SUCCEEDED")) {
            throw new IllegalStateException("export " + id + " ended " + status);
        }
        return id;
    }

    /**
     * A bulk export's time from POST to SUCCEEDED, as the job records it (created at, finished at):
     * looking every 5 ms for seconds on end would load the API, and so the pipeline it measures.
     */
    static double secondsToSucceed(ApiClient trainer, String id, Duration timeout) {
        String status = awaitFinal(trainer, id, timeout);
        if (!status.equals("SUCCEEDED")) {
            throw new IllegalStateException("export " + id + " ended " + status);
        }
        JsonNode job = trainer.get("/api/v1/exports/" + id).json();
        return Duration.between(
                                Instant.parse(job.get("createdAt").asString()),
                                Instant.parse(job.get("finishedAt").asString()))
                        .toNanos()
                / 1e9;
    }

    static String create(ApiClient trainer, String body) {
        var response = trainer.post("/api/v1/exports", body);
        if (response.status() != 202) {
            throw new IllegalStateException("POST answered " + response);
        }
        return response.json().get("id").asString();
    }

    /** The job's final status, looked at through the API every {@link #BULK_POLL}. */
    static String awaitFinal(ApiClient trainer, String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String status = status(trainer, id);
            if (FINAL.contains(status)) {
                return status;
            }
            pause(BULK_POLL.toMillis());
        }
        throw new IllegalStateException("export " + id + " did not finish within " + timeout);
    }

    static String status(ApiClient trainer, String id) {
        return trainer.get("/api/v1/exports/" + id).json().get("status").asString();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
