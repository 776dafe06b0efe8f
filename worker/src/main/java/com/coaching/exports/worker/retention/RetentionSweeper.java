package com.coaching.exports.worker.retention;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.shared.storage.ExportFiles;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
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

    private final ExportJobRepository jobs;
    private final ExportFiles files;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionSweeper(ExportJobRepository jobs, ExportFiles files, RetentionProperties properties, Clock clock) {
        this.jobs = jobs;
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
            batch = jobs.succeededBefore(now.minus(properties.retention()), BATCH);
            for (ExportJob job : batch) {
                files.delete(job.result().objectKey());
                if (jobs.expire(job.id())) {
                    expired++;
                    log.info(
                            "job expired job={} trainer={} dataset={} finished={}",
                            job.id(),
                            job.trainerId(),
                            job.dataset().id(),
                            job.finishedAt());
                }
            }
        } while (batch.size() == BATCH);
        return expired;
    }
}
