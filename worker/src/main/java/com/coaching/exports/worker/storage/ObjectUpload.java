package com.coaching.exports.worker.storage;

import com.coaching.exports.shared.tracing.Traces;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams one object into the store in parts of a fixed size. Full parts upload in the background,
 * up to {@code partsInFlight} at once, while the next one fills: memory holds
 * {@code partsInFlight + 1} parts at most, and the export waits for the store only when all of
 * them are taken. A file smaller than a part is sent with one PUT, from a buffer no larger than it
 * needs. Nothing is visible in the bucket
 * until {@link #complete()}; {@link #close()} without it aborts the multipart upload.
 *
 * <p>A call the store fails (after the client's own retries) is handed to a {@link StoreOutage},
 * which may wait for the store and have the same call tried again: a part that failed is sent again
 * from the buffer that still holds it, so the upload continues from the last part the store
 * confirmed instead of starting over.
 */
public final class ObjectUpload extends OutputStream {

    private static final Logger log = LoggerFactory.getLogger(ObjectUpload.class);
    /** The first buffer: a small export's whole file. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private static final String PART_SPAN = "export upload part";

    private final S3Client s3;
    private final ObjectTarget target;
    private final ExecutorService uploads;
    private final Consumer<String> uploadStarted;
    private final BiConsumer<String, RuntimeException> abortFailed;
    private final HeldCalls held;
    private final Traces traces;
    private final int partSize;
    private final int partsInFlight;
    private final List<CompletedPart> parts = new ArrayList<>();
    /** Parts uploading, oldest first; each gives its buffer back when awaited. */
    private final Deque<InFlight> inFlight = new ArrayDeque<>();

    private final Deque<byte[]> freeBuffers = new ArrayDeque<>();
    private byte[] part;
    private int filled;
    private @Nullable String uploadId;
    private boolean completed;

    /**
     * @param uploadStarted told the id of the multipart upload once one is opened
     * @param abortFailed told the upload's id when {@link #close()} could not abort it, to try again later
     * @param outage what a call the store failed does: wait and try again, or give up
     * @param traces each part's upload (or the one PUT of a small file) is a span of the export's trace
     */
    ObjectUpload(
            S3Client s3,
            ObjectTarget target,
            int partSize,
            int partsInFlight,
            ExecutorService uploads,
            Consumer<String> uploadStarted,
            BiConsumer<String, RuntimeException> abortFailed,
            StoreOutage outage,
            Traces traces) {
        this.s3 = s3;
        this.traces = traces;
        this.held = new HeldCalls(outage);
        this.target = target;
        this.partSize = partSize;
        this.partsInFlight = partsInFlight;
        this.uploads = uploads;
        this.uploadStarted = uploadStarted;
        this.abortFailed = abortFailed;
        this.part = new byte[Math.min(FIRST_BUFFER, partSize)];
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == part.length) {
            makeRoom();
        }
        part[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == part.length) {
                makeRoom();
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
            held.call(() -> traces.inSpan(
                    PART_SPAN,
                    () -> s3.putObject(
                            put -> put.bucket(target.bucket())
                                    .key(target.key())
                                    .contentType(target.contentType())
                                    .contentDisposition(target.contentDisposition()),
                            body(part, filled))));
        } else {
            sendPart(); // the last, which may be short
            while (!inFlight.isEmpty()) {
                awaitOldest(true);
            }
            held.call(() -> s3.completeMultipartUpload(request -> request.bucket(target.bucket())
                    .key(target.key())
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts))));
        }
        completed = true;
    }

    /** Aborts the upload unless it was completed: no partial object, no parts left billed. */
    @Override
    public void close() {
        if (completed || uploadId == null) {
            return;
        }
        while (!inFlight.isEmpty()) {
            try {
                awaitOldest(false);
            } catch (IOException | RuntimeException e) {
                // the upload is aborted anyway
            }
        }
        try {
            s3.abortMultipartUpload(
                    request -> request.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
        } catch (RuntimeException e) {
            log.warn("multipart upload not aborted key={} upload={}: {}", target.key(), uploadId, e.getMessage());
            abortFailed.accept(uploadId, e);
        }
    }

    /**
     * The first part's buffer grows, doubling, up to a part: a small export never allocates (and
     * zeroes) a whole part for a file of a few kilobytes. A full part goes to the store.
     */
    private void makeRoom() throws IOException {
        if (part.length < partSize) {
            part = Arrays.copyOf(part, (int) Math.min((long) part.length * 2, partSize));
        } else {
            sendFullPart();
        }
    }

    /** Starts the filled part's upload in the background and takes a free buffer for the next. */
    private void sendFullPart() throws IOException {
        sendPart();
        part = freeBuffers.isEmpty() ? new byte[partSize] : freeBuffers.poll();
        filled = 0;
    }

    /** Starts the upload of the part being filled, once fewer than {@code partsInFlight} are uploading. */
    private void sendPart() throws IOException {
        if (uploadId == null) {
            uploadId = held.call(() -> s3.createMultipartUpload(create -> create.bucket(target.bucket())
                            .key(target.key())
                            .contentType(target.contentType())
                            .contentDisposition(target.contentDisposition())))
                    .uploadId();
            uploadStarted.accept(uploadId);
        }
        if (inFlight.size() == partsInFlight) {
            awaitOldest(true);
        }
        byte[] full = part;
        int length = filled;
        int number = parts.size() + inFlight.size() + 1;
        Callable<CompletedPart> upload = traces.inThisContext(() -> uploadPart(full, length, number));
        inFlight.add(new InFlight(full, length, number, uploads.submit(upload)));
    }

    /**
     * Waits for the oldest part in flight: parts are recorded in their order. A part the store failed
     * is sent again as the outage allows, unless the upload is being given up ({@code retry} false).
     */
    private void awaitOldest(boolean retry) throws IOException {
        InFlight oldest = inFlight.poll();
        try {
            parts.add(oldest.result().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a part uploaded");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof SdkException failed)) {
                throw new IOException("a part could not be uploaded", e.getCause());
            }
            if (!retry) {
                throw failed;
            }
            // the same part again, from its buffer, once the outage allows it: the parts before it stay confirmed
            parts.add(held.again(failed, () -> uploadPart(oldest.buffer(), oldest.length(), oldest.number())));
        } finally {
            freeBuffers.add(oldest.buffer());
        }
    }

    private CompletedPart uploadPart(byte[] bytes, int length, int number) {
        return traces.inSpan(PART_SPAN, () -> {
            traces.tag("exports.part", number);
            String etag = s3.uploadPart(
                            upload -> upload.bucket(target.bucket())
                                    .key(target.key())
                                    .uploadId(uploadId)
                                    .partNumber(number)
                                    .contentLength((long) length),
                            body(bytes, length))
                    .eTag();
            return CompletedPart.builder().partNumber(number).eTag(etag).build();
        });
    }

    /** The bytes without a copy; the SDK may read them again to retry. */
    private RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, length), length, target.contentType());
    }

    @SuppressWarnings("ArrayRecordComponent") // never compared: it pairs a part's buffer with its upload
    private record InFlight(byte[] buffer, int length, int number, Future<CompletedPart> result) {}
}
