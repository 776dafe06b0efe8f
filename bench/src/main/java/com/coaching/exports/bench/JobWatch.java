package com.coaching.exports.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits for small exports to end by looking at their rows in the service's database: one primary-key
 * lookup every few milliseconds costs PostgreSQL a few microseconds, where an API request (a token
 * check, a query, JSON) costs the API and the database far more on the same two cores that run the
 * exports being measured. A client polls the API at {@code Retry-After} instead; what it then sees is
 * the state this reads.
 */
final class JobWatch {

    private final JdbcClient jobs;

    JobWatch(JdbcClient jobs) {
        this.jobs = jobs;
    }

    /** The job's final status; looks every {@code poll}. */
    String awaitFinal(String id, Duration timeout, Duration poll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String status = jobs.sql("select status from export_job where id = :id")
                    .param("id", UUID.fromString(id))
                    .query(String.class)
                    .single();
            if (ExportCalls.FINAL.contains(status)) {
                return status;
            }
            pause(poll);
        }
        throw new IllegalStateException("export " + id + " did not finish within " + timeout);
    }

    /** Until every one of {@code ids} succeeded, looking every {@code poll}; when the last one ended. */
    Instant awaitAllSucceeded(List<String> ids, Duration timeout, Duration poll) {
        List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> open = jobs.sql("select status from export_job where id in (:ids) and status <> 'SUCCEEDED'")
                    .param("ids", uuids)
                    .query(String.class)
                    .list();
            if (open.isEmpty()) {
                return jobs.sql("select max(finished_at) from export_job where id in (:ids)")
                        .param("ids", uuids)
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant();
            }
            if (open.stream().anyMatch(ExportCalls.FINAL::contains)) {
                throw new IllegalStateException("a small export ended " + open);
            }
            pause(poll);
        }
        throw new IllegalStateException(ids.size() + " exports did not finish within " + timeout);
    }

    private static void pause(Duration poll) {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
