package com.coaching.exports.worker.storage;

import com.coaching.exports.shared.storage.ExportFiles;
import com.coaching.exports.shared.storage.FileCleanup;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.shared.tracing.Traces;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/** Starts uploads into the exports bucket. */
@Component
public class ObjectStore {

    private final S3Client s3;
    private final StorageProperties storage;
    private final FileCleanup cleanup;
    private final Traces traces;
    /** Uploads parts in the background while exports fill the next one. */
    private final ExecutorService partUploads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "part-upload");
        thread.setDaemon(true);
        return thread;
    });

    public ObjectStore(S3Client s3, StorageProperties storage, FileCleanup cleanup, Traces traces) {
        this.s3 = s3;
        this.storage = storage;
        this.cleanup = cleanup;
        this.traces = traces;
    }

    /**
     * An upload of a file served as an attachment named {@code fileName}.
     *
     * @param uploadStarted told the id of the multipart upload once one is opened
     * @param outage what a call the store failed does: wait and try again, or give up
     */
    public ObjectUpload upload(
            String key, String fileName, String contentType, Consumer<String> uploadStarted, StoreOutage outage) {
        var target = new ObjectTarget(storage.bucket(), key, contentType, ExportFiles.attachment(fileName));
        return new ObjectUpload(
                s3,
                target,
                Math.toIntExact(storage.partSize().toBytes()),
                storage.partsInFlight(),
                partUploads,
                uploadStarted,
                (uploadId, failure) -> cleanup.abortLater(key, uploadId, failure.getMessage()),
                outage,
                traces);
    }

    @PreDestroy
    void stop() {
        partUploads.shutdownNow();
    }
}
