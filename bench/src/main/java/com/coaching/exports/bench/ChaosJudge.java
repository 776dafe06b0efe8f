package com.coaching.exports.bench;

import com.coaching.exports.testkit.JobAudit;
import com.coaching.exports.testkit.JobAudit.Verdict;
import com.coaching.exports.testkit.ObjectKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chaos run's verdict, once the load is over and everything healed: waits for every job to end,
 * judges each (every succeeded file downloaded and checked against its sha256 and row count), lists
 * the bucket for duplicate and orphan files, and prints the score line.
 */
final class ChaosJudge {

    private static final Set<String> ACTIVE = Set.of("QUEUED", "RUNNING");

    private final JdbcClient direct;
    private final JobAudit audit;
    private final ChaosJobs jobs;

    ChaosJudge(JdbcClient direct, JobAudit audit, ChaosJobs jobs) {
        this.direct = direct;
        this.audit = audit;
        this.jobs = jobs;
    }

    /** Until no job is QUEUED or RUNNING, or {@code settle} has passed. */
    void awaitEnd(Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        int active;
        do {
            Chaos.pause(Duration.ofSeconds(2));
            active = activeJobs().size();
        } while (active > 0 && System.nanoTime() < deadline);
        Chaos.log("waited for the jobs to end: %d still active", active);
    }

    private List<String> activeJobs() {
        List<String> active = new ArrayList<>();
        for (Map.Entry<String, String> job : statuses().entrySet()) {
            if (ACTIVE.contains(job.getValue())) {
                active.add(job.getKey());
            }
        }
        return active;
    }

    private Map<String, String> statuses() {
        Map<String, String> statuses = new HashMap<>();
        direct.sql("select id::text, status from export_job where trainer_id in (:trainers)")
                .param("trainers", jobs.trainers())
                .query((rs, n) -> statuses.put(rs.getString(1), rs.getString(2)))
                .list();
        return statuses;
    }

    /** Prints the score line; 0 when nothing was lost, stuck, duplicated, orphaned or wrong, else 1. */
    int judge() {
        int succeeded = 0;
        int retried = 0;
        int failed = 0;
        int cancelled = 0;
        int lost = 0;
        int stuck = 0;
        int duplicates = 0;
        int wrong = 0;
        Map<String, Integer> errors = new TreeMap<>();
        Map<String, Verdict> verdicts = new HashMap<>();
        for (Map.Entry<String, Long> job : jobs.accepted().entrySet()) {
            if (jobs.isDeleted(job.getKey())) {
                continue;
            }
            Verdict verdict = audit.judge(jobs.client(job.getValue()), job.getValue(), job.getKey());
            verdicts.put(job.getKey(), verdict);
            String status = verdict.status() == null ? "GONE" : verdict.status();
            switch (status) {
                case "SUCCEEDED" -> {
                    succeeded++;
                    retried += verdict.waited() ? 1 : 0;
                    duplicates += Math.max(0, verdict.files() - 1);
                    if (verdict.wrongBytes() || verdict.files() == 0) {
                        wrong++;
                        Chaos.log("wrong bytes: %s", verdict);
                    }
                }
                case "FAILED" -> {
                    if (verdict.failedWithReason()) {
                        failed++;
                        errors.merge(verdict.errorCode(), 1, Integer::sum);
                    } else {
                        lost++;
                        Chaos.log("lost (failed without a reason): %s", verdict);
                    }
                }
                case "CANCELLED" -> cancelled++;
                case "QUEUED", "RUNNING" -> {
                    stuck++;
                    Chaos.log("stuck: %s %s", verdict, row(job.getKey()));
                }
                default -> {
                    lost++;
                    Chaos.log("lost (the API no longer knows it): %s", verdict);
                }
            }
        }
        int orphans = orphans(verdicts);
        Chaos.log("failed by code: %s; deleted by the load: %d", errors, jobs.deletedCount());
        System.out.printf(
                "jobs: %d, succeeded: %d, retried: %d, failed-with-reason: %d, cancelled: %d, lost: %d, stuck: %d, "
                        + "duplicate files: %d, orphan files: %d, wrong bytes: %d%n",
                verdicts.size(), succeeded, retried, failed, cancelled, lost, stuck, duplicates, orphans, wrong);
        return lost + stuck + duplicates + orphans + wrong == 0 ? 0 : 1;
    }

    /**
     * Objects of this run's trainers that no succeeded job serves: a deleted, failed or cancelled job's, or a
     * job's nobody knows. Removing them may take a sweep (a minute at most is waited for).
     */
    private int orphans(Map<String, Verdict> verdicts) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<String> orphans;
        while (true) {
            orphans = new ArrayList<>();
            for (long trainer : jobs.trainers()) {
                for (String key : audit.keys("exports/" + trainer + "/")) {
                    Verdict owner = ObjectKeys.ownerIn(key)
                            .map(named -> verdicts.get(named.job()))
                            .orElse(null);
                    if (owner == null || !"SUCCEEDED".equals(owner.status())) {
                        orphans.add(key);
                    }
                }
            }
            if (orphans.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Chaos.pause(Duration.ofSeconds(5));
        }
        Collections.sort(orphans);
        orphans.forEach(key -> Chaos.log("orphan file: %s (job %s)", key, ownerOf(key)));
        return orphans.size();
    }

    private String ownerOf(String key) {
        return ObjectKeys.ownerIn(key)
                .map(owner -> jobs.isDeleted(owner.job()) ? "deleted by the load" : String.valueOf(row(owner.job())))
                .orElse("?");
    }

    private Map<String, Object> row(String id) {
        return direct.sql("""
                select status, attempts, worker_id, error_code, error_message, heartbeat_at
                  from export_job where id = :id""").param("id", UUID.fromString(id)).query().listOfRows().stream()
                .findFirst()
                .orElse(Map.of());
    }
}
