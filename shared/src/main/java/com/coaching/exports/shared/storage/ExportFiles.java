package com.coaching.exports.shared.storage;

import com.coaching.exports.shared.job.JobResult;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The exported files in the bucket: download links, reading (for deliveries) and removal (of files and of unfinished uploads). */
@Component
public class ExportFiles {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final StorageProperties storage;
    private final Clock clock;

    public ExportFiles(S3Client s3, S3Presigner presigner, StorageProperties storage, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.storage = storage;
        this.clock = clock;
    }

    /** A fresh presigned GET that serves the file as an attachment named after the export. */
    public DownloadLink downloadLink(JobResult result) {
        Instant expiresAt = clock.instant().plus(storage.presignTtl());
        var presigned = presigner.presignGetObject(request -> request.signatureDuration(storage.presignTtl())
                .getObjectRequest(get -> get.bucket(storage.bucket())
                        .key(result.objectKey())
                        .responseContentType(result.contentType())
                        .responseContentDisposition(attachment(result.fileName()))));
        return new DownloadLink(URI.create(presigned.url().toString()), expiresAt);
    }

    /** The stored file's bytes, streamed (a delivery copies them to a destination); the caller closes it. */
    public InputStream open(String objectKey) {
        return s3.getObject(request -> request.bucket(storage.bucket()).key(objectKey));
    }

    /** Removes the file; removing a file that is already gone is not an error. */
    public void delete(String objectKey) {
        s3.deleteObject(request -> request.bucket(storage.bucket()).key(objectKey));
    }

    /** Aborts a multipart upload and frees its parts; one already completed or aborted is not an error. */
    public void abortUpload(String objectKey, String uploadId) {
        try {
            s3.abortMultipartUpload(
                    request -> request.bucket(storage.bucket()).key(objectKey).uploadId(uploadId));
        } catch (NoSuchUploadException e) {
            // completed or aborted already
        }
    }

    /** The Content-Disposition that makes browsers save the file under its export name. */
    public static String attachment(String fileName) {
        return "attachment; filename=\"" + fileName + "\"";
    }

    /** A presigned link and when it stops working. */
    public record DownloadLink(URI url, Instant expiresAt) {}
}
