package com.coaching.exports.worker.storage;

import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.shared.storage.FileCleanupQueue;
import com.coaching.exports.shared.storage.FileCleanupQueue.PendingCleanup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Tries the queued file removals again, with backoff, until the store confirms each. */
@Component
class FileCleanupDrainer implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(FileCleanupDrainer.class);
    private static final int BATCH = 50;
    /** How long a claimed entry is this worker's; a worker that dies meanwhile delays it this long. */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final FileCleanupQueue queue;
    private final FileCleanup cleanup;
    private final Clock clock;
    private final CleanupProperties properties;

    FileCleanupDrainer(FileCleanupQueue queue, FileCleanup cleanup, Clock clock, CleanupProperties properties) {
        this.queue = queue;
        this.cleanup = cleanup;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::drain, properties.cleanupInterval());
    }

    void drain() {
        try {
            Instant now = clock.instant();
            for (PendingCleanup pending : queue.claimDue(now, now.plus(CLAIM), BATCH)) {
                cleanup.retry(pending);
            }
        } catch (DataAccessException e) {
            log.warn("file cleanup skipped: {}", e.getMessage());
        }
    }
}
