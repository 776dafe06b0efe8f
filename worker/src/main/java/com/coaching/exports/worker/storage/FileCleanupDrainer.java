package com.coaching.exports.worker.storage;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.shared.storage.StorageProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Tries the queued file removals again, with backoff, until the store confirms each. */
@Component
class FileCleanupDrainer implements HousekeepingTask {

    private static final int BATCH = 50;

    private final FileCleanup cleanup;
    private final StorageProperties properties;

    FileCleanupDrainer(FileCleanup cleanup, StorageProperties properties) {
        this.cleanup = cleanup;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "file cleanup";
    }

    @Override
    public Duration interval() {
        return properties.cleanupInterval();
    }

    @Override
    public void runOnce() {
        cleanup.drain(BATCH);
    }
}
