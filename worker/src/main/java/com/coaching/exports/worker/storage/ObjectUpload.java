package com.coaching.exports.worker.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams one object into the store in parts of a fixed size. A full part uploads in the
 * background while the next one fills, so memory holds two parts at most and the export does not
 * wait for the store. A file smaller than a part is sent with one PUT. Nothing is visible in the
 * bucket until {@link #complete()}; {@link #close()} without it aborts the multipart upload.
 */
public final class ObjectUpload extends OutputStream {

    private static final Logger log = LoggerFactory.getLogger(ObjectUpload.class);

    private final S3Client s3;
    private final ObjectTarget target;
    private final ExecutorService uploads;
    private final Consumer<String> uploadStarted;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] part;
    private byte[] spare;
    private int filled;
    private String uploadId;
    private Future<CompletedPart> inFlight;
    private boolean completed;

    ObjectUpload(S3Client s3, ObjectTarget target, int partSize, ExecutorService uploads,
            Consumer<String> uploadStarted) {
        this.s3 = s3;
        this.target = target;
        this.partSize = partSize;
        this.uploads = uploads;
        this.uploadStarted = uploadStarted;
        this.part = new byte[partSize];
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == part.length) {
            sendFullPart();
        }
        part[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == part.length) {
                sendFullPart();
            }
            int n = Math.min(length, part.length - filled);
            System.arraycopy(bytes, offset, part, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Makes the object visible with everything written so far. */
    public void complete() throws IOException {
        if (uploadId == null) {
            s3.putObject(put -> put.bucket(target.bucket()).key(target.key())
                    .contentType(target.contentType()).contentDisposition(target.contentDisposition()),
                    body(part, filled));
        } else {
            awaitInFlight();
            parts.add(uploadPart(part, filled, parts.size() + 1));
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
            awaitInFlight();
        } catch (IOException | RuntimeException e) {
            // the upload is aborted anyway
        }
        try {
            s3.abortMultipartUpload(request -> request.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
        } catch (RuntimeException e) {
            // the bucket's lifecycle rule for incomplete uploads is the last line
            log.warn("multipart upload not aborted key={} upload={}: {}", target.key(), uploadId, e.getMessage());
        }
    }

    /** Starts the full part's upload in the background and goes on filling the other buffer. */
    private void sendFullPart() throws IOException {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(create -> create.bucket(target.bucket()).key(target.key())
                    .contentType(target.contentType()).contentDisposition(target.contentDisposition())).uploadId();
            uploadStarted.accept(uploadId);
        }
        awaitInFlight(); // frees the spare buffer
        byte[] full = part;
        int length = filled;
        int number = parts.size() + 1;
        inFlight = uploads.submit(() -> uploadPart(full, length, number));
        part = spare != null ? spare : new byte[partSize];
        spare = full;
        filled = 0;
    }

    private void awaitInFlight() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            parts.add(inFlight.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a part uploaded");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw sdk;
            }
            throw new IOException("a part could not be uploaded", e.getCause());
        } finally {
            inFlight = null;
        }
    }

    private CompletedPart uploadPart(byte[] bytes, int length, int number) {
        String etag = s3.uploadPart(upload -> upload.bucket(target.bucket()).key(target.key())
                .uploadId(uploadId).partNumber(number).contentLength((long) length), body(bytes, length)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** The bytes without a copy; the SDK may read them again to retry. */
    private RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                target.contentType());
    }
}
