package com.coaching.exports.worker.storage;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.metrics.JobMetrics;
import com.coaching.exports.shared.storage.ExportFiles;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.worker.storage.LiveFiles.JobFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The last line of "no file outlives its job": lists the bucket under the service's prefix a page
 * at a time and removes every object older than the grace that no job holds, then aborts every
 * multipart upload started longer ago than the grace that is not a running attempt's. The grace
 * covers what is in flight: an upload opened and not yet recorded, a file stored and its job not
 * yet told. One worker reconciles at a time (docs/architecture.md, "No file outlives its job").
 */
@Component
public class OrphanReconciler implements HousekeepingTask {

    /** Where this service writes: {@code exports/<trainer>/<job>/attempt-<n>/<file>}. */
    public static final String PREFIX = "exports/";

    /** The {@code kind} of {@code exports_orphan_files_removed_total}: a stored file, or an open multipart upload. */
    public static final String OBJECT = "object";

    public static final String UPLOAD = "upload";
    private static final int PAGE = 1000;

    private static final Logger log = LoggerFactory.getLogger(OrphanReconciler.class);

    private final S3Client s3;
    private final StorageProperties storage;
    private final ExportFiles files;
    private final LiveFiles live;
    private final TransactionTemplate transactions;
    private final JobMetrics metrics;
    private final Clock clock;
    private final Duration grace;

    OrphanReconciler(
            S3Client s3,
            StorageProperties storage,
            ExportFiles files,
            LiveFiles live,
            TransactionTemplate transactions,
            JobMetrics metrics,
            Clock clock) {
        this.s3 = s3;
        this.storage = storage;
        this.files = files;
        this.live = live;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
        this.grace = storage.orphanGrace();
    }

    @Override
    public String name() {
        return "orphan reconciliation";
    }

    @Override
    public Duration interval() {
        return storage.orphanCheckInterval();
    }

    /** The first pass after one interval, not at start-up: a worker that restarts does not list the bucket. */
    @Override
    public Duration initialDelay() {
        return storage.orphanCheckInterval();
    }

    @Override
    public void runOnce() {
        reconcile();
    }

    void reconcile() {
        reconcile(PREFIX, clock.instant());
    }

    /**
     * Removes what no job holds under {@code prefix} and is older than the grace at {@code now};
     * nothing when another worker is reconciling.
     */
    public Reconciled reconcile(String prefix, Instant now) {
        Instant bornBefore = now.minus(grace);
        // the lock lives as long as this transaction: one connection for the pass, released however it ends
        return transactions.execute(tx -> {
            if (!live.lockReconciler()) {
                log.debug("orphan reconciliation left to another worker");
                return Reconciled.NOTHING;
            }
            return new Reconciled(removeObjects(prefix, bornBefore), abortUploads(prefix, bornBefore));
        });
    }

    private int removeObjects(String prefix, Instant bornBefore) {
        int removed = 0;
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(
                list -> list.bucket(storage.bucket()).prefix(prefix).maxKeys(PAGE))) {
            List<S3Object> old = page.contents().stream()
                    // a file-system store lists its folders too: they are no files
                    .filter(object -> !object.key().endsWith("/"))
                    .filter(object -> object.lastModified().isBefore(bornBefore))
                    .toList();
            Map<UUID, JobFiles> jobs = live.of(old.stream()
                    .map(object -> AttemptKey.of(object.key()))
                    .flatMap(Optional::stream)
                    .map(AttemptKey::jobId)
                    .distinct()
                    .toList());
            for (S3Object object : old) {
                if (!held(object.key(), jobs)) {
                    files.delete(object.key());
                    metrics.orphanRemoved(OBJECT);
                    removed++;
                    log.info(
                            "orphan removed kind=object key={} bytes={} modified={}",
                            object.key(),
                            object.size(),
                            object.lastModified());
                }
            }
        }
        return removed;
    }

    private int abortUploads(String prefix, Instant startedBefore) {
        int aborted = 0;
        for (ListMultipartUploadsResponse page : s3.listMultipartUploadsPaginator(
                list -> list.bucket(storage.bucket()).prefix(prefix).maxUploads(PAGE))) {
            List<MultipartUpload> old = page.uploads().stream()
                    .filter(upload ->
                            upload.initiated() != null && upload.initiated().isBefore(startedBefore))
                    .toList();
            Map<UUID, JobFiles> jobs = live.of(old.stream()
                    .map(upload -> AttemptKey.of(upload.key()))
                    .flatMap(Optional::stream)
                    .map(AttemptKey::jobId)
                    .distinct()
                    .toList());
            for (MultipartUpload upload : old) {
                boolean held = AttemptKey.of(upload.key())
                        .map(key -> jobs.get(key.jobId()))
                        .filter(job -> job.holdsUpload(upload.uploadId()))
                        .isPresent();
                if (!held) {
                    files.abortUpload(upload.key(), upload.uploadId());
                    metrics.orphanRemoved(UPLOAD);
                    aborted++;
                    log.info(
                            "orphan removed kind=upload key={} upload={} initiated={}",
                            upload.key(),
                            upload.uploadId(),
                            upload.initiated());
                }
            }
        }
        return aborted;
    }

    private static boolean held(String key, Map<UUID, JobFiles> jobs) {
        return AttemptKey.of(key)
                .filter(attempt -> jobs.containsKey(attempt.jobId())
                        && jobs.get(attempt.jobId()).holds(key, attempt))
                .isPresent();
    }

    /** How many objects one pass removed and how many uploads it aborted. */
    public record Reconciled(int objects, int uploads) {

        static final Reconciled NOTHING = new Reconciled(0, 0);
    }
}
