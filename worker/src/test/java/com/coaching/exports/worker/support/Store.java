package com.coaching.exports.worker.support;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.storage.StorageProperties;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Looks into the bucket the way an operator would. */
@Component
public class Store {

    private final S3Client s3;
    private final StorageProperties storage;

    public Store(S3Client s3, StorageProperties storage) {
        this.s3 = s3;
        this.storage = storage;
    }

    /** The file a succeeded job wrote, byte for byte. */
    public byte[] file(ExportJob done) {
        return s3.getObjectAsBytes(
                        get -> get.bucket(storage.bucket()).key(done.result().objectKey()))
                .asByteArray();
    }

    /** The object under {@code key}, byte for byte. */
    public byte[] object(String key) {
        return s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(key)).asByteArray();
    }

    /** The stored metadata of the file a succeeded job wrote (content type, disposition, encoding). */
    public HeadObjectResponse head(ExportJob done) {
        return s3.headObject(
                head -> head.bucket(storage.bucket()).key(done.result().objectKey()));
    }

    /** The keys of the files under a job's folder (s3proxy's file system store also lists folders: left out). */
    public List<String> keysOfJob(long trainerId, java.util.UUID jobId) {
        return s3
                .listObjectsV2(list -> list.bucket(storage.bucket()).prefix("exports/" + trainerId + "/" + jobId + "/"))
                .contents()
                .stream()
                .map(S3Object::key)
                .filter(key -> !key.endsWith("/"))
                .toList();
    }

    /** Stores a whole file, as a worker that then died before recording it would have. */
    public void put(String key, String content) {
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString(content));
    }

    /** Opens a multipart upload with one part, as a worker that then died would have left it. */
    public String abandonedUpload(String key) {
        String uploadId = s3.createMultipartUpload(
                        create -> create.bucket(storage.bucket()).key(key))
                .uploadId();
        s3.uploadPart(
                part -> part.bucket(storage.bucket())
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(1),
                RequestBody.fromString("half a file"));
        return uploadId;
    }

    /** Whether the upload still holds parts (s3proxy answers an aborted upload with no parts, S3 with NoSuchUpload). */
    public boolean uploadHoldsParts(String key, String uploadId) {
        try {
            return s3.listParts(parts -> parts.bucket(storage.bucket()).key(key).uploadId(uploadId))
                            .hasParts()
                    && !s3.listParts(parts ->
                                    parts.bucket(storage.bucket()).key(key).uploadId(uploadId))
                            .parts()
                            .isEmpty();
        } catch (NoSuchUploadException e) {
            return false;
        }
    }
}
