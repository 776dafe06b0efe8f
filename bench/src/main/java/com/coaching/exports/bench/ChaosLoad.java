package com.coaching.exports.bench;

import com.coaching.exports.testkit.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The chaos run's load: small exports about every second, a bulk one about every 15 s; a tenth
 * cancelled, one in 15 deleted.
 */
final class ChaosLoad {

    private final ChaosJobs jobs;
    private int refusedRequests;
    private int slowPosts;

    ChaosLoad(ChaosJobs jobs) {
        this.jobs = jobs;
    }

    /** Until {@code end} ({@link System#nanoTime()}). */
    void run(long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Runnable> later = new ArrayList<>();
        List<Long> smallTrainers = jobs.smallTrainers();
        long nextBulk = System.nanoTime();
        while (System.nanoTime() < end) {
            boolean bulk = System.nanoTime() >= nextBulk;
            long trainer = bulk ? jobs.bulkTrainer() : smallTrainers.get(random.nextInt(smallTrainers.size()));
            String body = bulk
                    ? "{\"dataset\": \"payments\", \"days\": 365}"
                    : switch (random.nextInt(4)) {
                        case 0 -> "{\"dataset\": \"trainees\"}";
                        case 1 -> "{\"dataset\": \"subscribers\", \"notify\": true}";
                        case 2 -> "{\"dataset\": \"payments\", \"days\": 365, \"compression\": \"gzip\"}";
                        default -> "{\"dataset\": \"payments\", \"days\": 365, \"notify\": true}";
                    };
            if (bulk) {
                nextBulk = System.nanoTime()
                        + Duration.ofSeconds(10 + random.nextInt(10)).toNanos();
            }
            String id = submit(trainer, body);
            if (id != null) {
                int fate = random.nextInt(30);
                if (fate < 3) {
                    later.add(() -> jobs.client(trainer).post("/api/v1/exports/" + id + "/cancel", ""));
                } else if (fate < 5) {
                    later.add(() -> {
                        if (jobs.client(trainer).delete("/api/v1/exports/" + id).status() == 204) {
                            jobs.deleted(id);
                        }
                    });
                }
            }
            Chaos.pause(Duration.ofMillis(400 + random.nextInt(1200)));
            // the cancels and deletes come a moment later, while their jobs may run
            if (!later.isEmpty() && random.nextBoolean()) {
                try {
                    later.remove(0).run();
                } catch (RuntimeException e) {
                    Chaos.log("request failed: %s", e);
                }
            }
        }
    }

    private @Nullable String submit(long trainer, String body) {
        try {
            long started = System.nanoTime();
            ApiClient.Response response = jobs.client(trainer).post("/api/v1/exports", body);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(Duration.ofSeconds(1)) > 0) {
                slowPosts++;
                Chaos.log("POST answered %d after %d ms", response.status(), took.toMillis());
            }
            if (response.status() == 202) {
                String id = response.json().get("id").asString();
                jobs.accepted(id, trainer);
                return id;
            }
            synchronized (this) {
                refusedRequests++; // 503 while the database is cut: nothing was created
            }
        } catch (RuntimeException e) {
            Chaos.log("POST failed: %s", e);
        }
        return null;
    }

    /** Requests the API refused (503 while the database is cut); read once the load is over. */
    synchronized int refusedRequests() {
        return refusedRequests;
    }

    /** POSTs answered after more than a second; read once the load is over. */
    int slowPosts() {
        return slowPosts;
    }
}
