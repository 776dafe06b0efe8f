package com.coaching.exports.worker.storage;

import com.coaching.exports.shared.storage.ExportFiles;
import com.coaching.exports.shared.storage.StorageProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/** Starts uploads into the exports bucket. */
@Component
public class ObjectStore {

    private final S3Client s3;
    private final StorageProperties storage;

    public ObjectStore(S3Client s3, StorageProperties storage) {
        this.s3 = s3;
        this.storage = storage;
    }

    /** An upload of a file served as an attachment named {@code fileName}. */
    public ObjectUpload upload(String key, String fileName, String contentType) {
        var target = new ObjectTarget(storage.bucket(), key, contentType, ExportFiles.attachment(fileName));
        return new ObjectUpload(s3, target, Math.toIntExact(storage.partSize().toBytes()));
    }
}
