package com.coaching.exports.worker.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams one object into the store in parts of a fixed size, so memory holds one part at most.
 * A file smaller than a part is sent with one PUT. Nothing is visible in the bucket until
 * {@link #complete()}; {@link #close()} without it aborts the multipart upload.
 */
public final class ObjectUpload extends OutputStream {

    private static final Logger log = LoggerFactory.getLogger(ObjectUpload.class);

    private final S3Client s3;
    private final ObjectTarget target;
    private final Consumer<String> uploadStarted;
    private final byte[] part;
    private int filled;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean completed;

    ObjectUpload(S3Client s3, ObjectTarget target, int partSize, Consumer<String> uploadStarted) {
        this.s3 = s3;
        this.target = target;
        this.uploadStarted = uploadStarted;
        this.part = new byte[partSize];
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == part.length) {
            uploadPart();
        }
        part[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == part.length) {
                uploadPart();
            }
            int n = Math.min(length, part.length - filled);
            System.arraycopy(bytes, offset, part, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Makes the object visible with everything written so far. */
    public void complete() {
        if (uploadId == null) {
            s3.putObject(put -> put.bucket(target.bucket()).key(target.key())
                            .contentType(target.contentType()).contentDisposition(target.contentDisposition()),
                    filledPart());
        } else {
            uploadPart();
            s3.completeMultipartUpload(request -> request.bucket(target.bucket()).key(target.key())
                    .uploadId(uploadId).multipartUpload(upload -> upload.parts(parts)));
        }
        completed = true;
    }

    /** Aborts the upload unless it was completed: no partial object, no parts left billed. */
    @Override
    public void close() {
        if (completed || uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(request -> request.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
        } catch (RuntimeException e) {
            // the bucket's lifecycle rule for incomplete uploads is the last line
            log.warn("multipart upload not aborted key={} upload={}: {}", target.key(), uploadId, e.getMessage());
        }
    }

    /** The filled part of the buffer, without a copy; the SDK may read it again to retry. */
    private RequestBody filledPart() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                target.contentType());
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(create -> create.bucket(target.bucket()).key(target.key())
                    .contentType(target.contentType()).contentDisposition(target.contentDisposition())).uploadId();
            uploadStarted.accept(uploadId);
        }
        int number = parts.size() + 1;
        String etag = s3.uploadPart(upload -> upload.bucket(target.bucket()).key(target.key())
                        .uploadId(uploadId).partNumber(number).contentLength((long) filled),
                filledPart()).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        filled = 0;
    }
}
