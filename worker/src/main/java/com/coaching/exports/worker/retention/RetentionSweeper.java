package com.coaching.exports.worker.retention;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.storage.ExportFiles;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Files are kept for the retention period: then the object is removed and the job becomes EXPIRED
 * (its row and result metadata stay until the trainer deletes it).
 */
@Component
public class RetentionSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final JobTransitions transitions;
    private final ExportFiles files;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionSweeper(
            JdbcClient jdbc,
            JobTransitions transitions,
            ExportFiles files,
            RetentionProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.files = files;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::sweep, properties.retentionCheckInterval());
    }

    void sweep() {
        try {
            expireAsOf(clock.instant());
        } catch (DataAccessException | SdkException e) {
            log.warn("retention sweep skipped: {}", e.getMessage());
        }
    }

    /** Expires every file whose retention is over at {@code now}; returns how many. */
    public int expireAsOf(Instant now) {
        int expired = 0;
        List<ExportJob> batch;
        do {
            batch = succeededBefore(now.minus(properties.retention()));
            for (ExportJob job : batch) {
                files.delete(job.result().objectKey());
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
