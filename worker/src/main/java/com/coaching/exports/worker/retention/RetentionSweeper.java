package com.coaching.exports.worker.retention;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.link.LinkProperties;
import com.coaching.exports.shared.storage.ExportFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Files are kept for the retention period: then the object is removed and the job becomes EXPIRED
 * (its row and result metadata stay until the trainer deletes it).
 */
@Component
public class RetentionSweeper implements HousekeepingTask {

    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final JobTransitions transitions;
    private final ExportFiles files;
    private final LinkProperties properties;
    private final Clock clock;

    RetentionSweeper(
            JdbcClient jdbc, JobTransitions transitions, ExportFiles files, LinkProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.files = files;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "retention sweep";
    }

    @Override
    public Duration interval() {
        return properties.retentionCheckInterval();
    }

    @Override
    public void runOnce() {
        sweep();
    }

    void sweep() {
        expireAsOf(clock.instant());
    }

    /** Expires every file whose retention is over at {@code now}; returns how many. */
    public int expireAsOf(Instant now) {
        int expired = 0;
        List<ExportJob> batch;
        do {
            batch = succeededBefore(now.minus(properties.retention()));
            for (ExportJob job : batch) {
                files.delete(Objects.requireNonNull(job.result(), "a SUCCEEDED job has a result")
                        .objectKey());
                if (transitions.expire(job.id(), clock.instant())) {
                    expired++;
                }
            }
        } while (batch.size() == BATCH);
        return expired;
    }

    /** Succeeded jobs that finished before {@code before}: their files' retention is over. */
    private List<ExportJob> succeededBefore(Instant before) {
        return jdbc.sql("select " + ExportJobRows.COLUMNS + " from export_job"
                        + " where status = 'SUCCEEDED' and finished_at < :before order by finished_at limit :limit")
                .param("before", ExportJobRows.utc(before))
                .param("limit", BATCH)
                .query(ExportJobRows::map)
                .list();
    }
}
