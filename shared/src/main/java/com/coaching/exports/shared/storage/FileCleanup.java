package com.coaching.exports.shared.storage;

import com.coaching.exports.shared.Backoff;
import com.coaching.exports.shared.storage.FileCleanupQueue.PendingCleanup;
import com.coaching.exports.shared.tx.AfterCommit;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Removes files and aborts uploads that no job references any more, and never forgets one: a
 * removal the store fails is written to {@link FileCleanupQueue} and tried again with backoff by a
 * worker. Were the database down as well, the orphan reconciler finds the file after its grace.
 */
@Component
public class FileCleanup {

    private static final Logger log = LoggerFactory.getLogger(FileCleanup.class);

    private final ExportFiles files;
    private final FileCleanupQueue queue;
    private final Clock clock;

    public FileCleanup(ExportFiles files, FileCleanupQueue queue, Clock clock) {
        this.files = files;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Removes the file once the caller's transaction commits: the entry is written in that
     * transaction (so the file is removed whatever happens next) and dropped once the store
     * confirmed. Without a transaction, the same as {@link #remove(String)}.
     */
    public void removeAfterCommit(String objectKey) {
        if (!AfterCommit.inTransaction()) {
            remove(objectKey);
            return;
        }
        Instant now = clock.instant();
        long id = queue.add(objectKey, null, now, now.plus(Backoff.PATIENT.first()), null);
        AfterCommit.run(() -> {
            try {
                retry(new PendingCleanup(id, objectKey, null, 0));
            } catch (DataAccessException e) {
                // the entry stays queued: a worker removes the file
                log.warn("file cleanup left queued key={} reason=\"{}\"", objectKey, e.getMessage());
            }
        });
    }

    /** Removes the file now, or queues its removal when the store fails. */
    public void remove(String objectKey) {
        try {
            files.delete(objectKey);
        } catch (SdkException e) {
            queue(objectKey, null, e.getMessage());
        }
    }

    /** Aborts the upload now, or queues the abort when the store fails. */
    public void abort(String objectKey, String uploadId) {
        try {
            files.abortUpload(objectKey, uploadId);
        } catch (SdkException e) {
            queue(objectKey, uploadId, e.getMessage());
        }
    }

    /** Queues the abort of an upload the store just failed to abort. */
    public void abortLater(String objectKey, String uploadId, String reason) {
        queue(objectKey, uploadId, reason);
    }

    /** Tries a queued removal: dropped from the queue once done, else due again after a backoff. */
    public boolean retry(PendingCleanup pending) {
        try {
            if (pending.uploadId() == null) {
                files.delete(pending.objectKey());
            } else {
                files.abortUpload(pending.objectKey(), pending.uploadId());
            }
        } catch (SdkException e) {
            Instant next = clock.instant().plus(Backoff.PATIENT.after(pending.attempts()));
            queue.retryLater(pending.id(), next, e.getMessage());
            log.warn(
                    "file cleanup failed key={} upload={} attempt={} next={} reason=\"{}\"",
                    pending.objectKey(),
                    pending.uploadId(),
                    pending.attempts() + 1,
                    next,
                    e.getMessage());
            return false;
        }
        try {
            queue.done(pending.id());
        } catch (DataAccessException e) {
            // removed all the same: the entry is tried again and finds nothing to remove
            log.debug("file cleanup done but not recorded key={}: {}", pending.objectKey(), e.getMessage());
        }
        log.debug(
                "file cleanup done key={} upload={} attempts={}",
                pending.objectKey(),
                pending.uploadId(),
                pending.attempts() + 1);
        return true;
    }

    private void queue(String objectKey, String uploadId, String reason) {
        Instant now = clock.instant();
        try {
            queue.add(objectKey, uploadId, now, now.plus(Backoff.PATIENT.after(0)), reason);
            log.warn("file cleanup queued key={} upload={} reason=\"{}\"", objectKey, uploadId, reason);
        } catch (DataAccessException e) {
            log.warn(
                    "file cleanup left to the orphan reconciler key={} upload={} reason=\"{}\"",
                    objectKey,
                    uploadId,
                    reason);
        }
    }
}
