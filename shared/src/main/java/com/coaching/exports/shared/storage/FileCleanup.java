package com.coaching.exports.shared.storage;

import com.coaching.exports.shared.outbox.Outbox;
import com.coaching.exports.shared.outbox.OutboxEngine;
import com.coaching.exports.shared.outbox.Outcome;
import com.coaching.exports.shared.outbox.Verdict;
import com.coaching.exports.shared.retry.RetryPolicy;
import com.coaching.exports.shared.storage.FileCleanupQueue.PendingCleanup;
import com.coaching.exports.shared.tx.AfterCommit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
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
public class FileCleanup implements Outbox<PendingCleanup, Void> {

    private static final Logger log = LoggerFactory.getLogger(FileCleanup.class);
    /** How long a claimed entry is this worker's; a worker that dies meanwhile delays it this long. */
    private static final Duration CLAIM = Duration.ofMinutes(2);
    /** A queued removal is tried again after 5 s, 10 s, … up to 30 min, until the store confirms it. */
    private static final RetryPolicy.ExponentialHalfJitter RETRIES = RetryPolicy.PATIENT;

    private final ExportFiles files;
    private final FileCleanupQueue queue;
    private final Clock clock;
    private final OutboxEngine<PendingCleanup, Void> engine;

    public FileCleanup(ExportFiles files, FileCleanupQueue queue, Clock clock) {
        this.files = files;
        this.queue = queue;
        this.clock = clock;
        this.engine = new OutboxEngine<>(this, RETRIES, clock);
    }

    /** Tries the queued removals due now, up to {@code limit}; how many were claimed. */
    public int drain(int limit) {
        return engine.pass(limit);
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
        long id = queue.add(objectKey, null, now, now.plus(RETRIES.first()), null);
        AfterCommit.run(() -> {
            try {
                engine.handle(new PendingCleanup(id, objectKey, null, 0));
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
    public void abortLater(String objectKey, String uploadId, @Nullable String reason) {
        queue(objectKey, uploadId, reason);
    }

    @Override
    public List<PendingCleanup> claim(Instant now, int limit) {
        return queue.claimDue(now, now.plus(CLAIM), limit);
    }

    @Override
    public int failedTries(PendingCleanup pending) {
        return pending.attempts();
    }

    /** Removes the file, or aborts the upload when the entry names one: never both. */
    @Override
    public Outcome<Void> process(PendingCleanup pending) {
        try {
            if (pending.uploadId() == null) {
                files.delete(pending.objectKey());
            } else {
                files.abortUpload(pending.objectKey(), pending.uploadId());
            }
            return Outcome.succeeded(null);
        } catch (SdkException e) {
            return Outcome.failed(null, e.getMessage());
        }
    }

    @Override
    public void record(PendingCleanup pending, Verdict<Void> verdict) {
        if (verdict instanceof Verdict.RetryAt<Void> retry) {
            queue.retryLater(pending.id(), retry.next(), retry.reason());
            log.warn(
                    "file cleanup failed key={} upload={} attempt={} next={} reason=\"{}\"",
                    pending.objectKey(),
                    pending.uploadId(),
                    retry.tries(),
                    retry.next(),
                    retry.reason());
        } else if (verdict instanceof Verdict.GiveUp<Void>) {
            throw new IllegalStateException("file removals are tried until the store confirms them");
        } else {
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
                    verdict.tries());
        }
    }

    private void queue(String objectKey, @Nullable String uploadId, @Nullable String reason) {
        Instant now = clock.instant();
        try {
            queue.add(
                    objectKey,
                    uploadId,
                    now,
                    now.plus(RETRIES.delayAfter(1, ThreadLocalRandom.current()).orElseThrow()),
                    reason);
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
