package com.coaching.exports.api.events;

import com.coaching.exports.shared.audit.LinkRecipient;
import com.coaching.exports.shared.view.JobView;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream of one job. What is to be written waits here, at most one of each kind: the
 * newest job not sent yet (an older one is replaced, never queued behind it), a keep-alive, the end.
 * One writer at a time ({@link #claim()}) writes it out; the others only set what is to be written,
 * under a lock that no write holds, so a client that stops reading blocks its own writer and nobody
 * else. A job is sent only when its version is newer than the last one queued (so nothing is sent
 * twice, whatever order the reads arrive in), and the stream ends after a finished job.
 */
final class JobStream {

    static final String EVENT = "job";

    private final UUID jobId;
    private final long trainerId;
    /** The trainer at the address the stream was opened from: a link in an event is handed to them. */
    private final LinkRecipient recipient;

    private final SseEmitter emitter;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** {@link System#nanoTime()} when the write under way started; 0 when none is. */
    private volatile long writeStarted;

    // guarded by this; never held while the emitter writes
    private long lastQueued;
    private long pendingVersion;
    private @Nullable JobView pendingJob;
    private boolean keepAliveDue;
    private boolean greet = true;
    private boolean started;
    /** No more is accepted: the job finished, the stream is ended or given up. */
    private boolean ended;
    /** Why the stream was given up; the emitter ends with it instead of normally. */
    private @Nullable Throwable failure;

    private boolean closed;

    /** @param lastSent the {@code Last-Event-ID} the client resumes after, 0 for none */
    JobStream(UUID jobId, long trainerId, LinkRecipient recipient, long lastSent, Duration timeout) {
        this.jobId = jobId;
        this.trainerId = trainerId;
        this.recipient = recipient;
        this.lastQueued = lastSent;
        this.emitter = new SseEmitter(timeout.toMillis());
    }

    UUID jobId() {
        return jobId;
    }

    long trainerId() {
        return trainerId;
    }

    LinkRecipient recipient() {
        return recipient;
    }

    SseEmitter emitter() {
        return emitter;
    }

    synchronized boolean hasSent(long version) {
        return ended || version <= lastQueued;
    }

    /**
     * Queues the job unless the client has this version already (or has it queued); the stream ends
     * after it once the job is no longer queued or running.
     */
    synchronized void offer(long version, JobView job) {
        if (ended) {
            return;
        }
        if (version > lastQueued) {
            pendingJob = job;
            pendingVersion = version;
            lastQueued = version;
        }
        if (!job.status().isActive()) {
            ended = true;
        }
    }

    /** A comment line, which clients ignore and proxies count as traffic. */
    synchronized void keepAlive() {
        if (!ended) {
            keepAliveDue = true;
        }
    }

    /** Ends the stream normally once what is queued is written (the job is gone, or this instance stops). */
    synchronized void end() {
        ended = true;
    }

    /** Ends the stream with {@code cause} and drops what it has not written: its client is gone or stalled. */
    synchronized void giveUp(Throwable cause) {
        ended = true;
        if (failure == null) {
            failure = cause;
        }
        pendingJob = null;
        keepAliveDue = false;
    }

    /** How long the write under way has been waiting for the client; zero when none is. */
    Duration writing(long nowNanos) {
        long since = writeStarted;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(nowNanos - since);
    }

    /** True for the one caller that is to write out what is queued now; it then calls {@link #write()}. */
    boolean claim() {
        return writing.compareAndSet(false, true);
    }

    /**
     * Writes out what is queued, one write at a time, then lets the claim go; keeps it when more came
     * meanwhile.
     *
     * @return true when the stream is closed now (its emitter completed)
     */
    boolean write() {
        while (true) {
            Runnable next;
            while ((next = next()) != null) {
                next.run();
            }
            writing.set(false);
            if (!hasWork() || !claim()) {
                return isClosed();
            }
        }
    }

    /** True the first time only: the stream's slot is given back once. */
    boolean release() {
        return released.compareAndSet(false, true);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized boolean hasWork() {
        return !closed && (pendingJob != null || keepAliveDue || ended || (greet && !started));
    }

    /** The next write, taken off the queue; null when there is none. */
    private synchronized @Nullable Runnable next() {
        if (closed) {
            return null;
        }
        if (failure != null) {
            closed = true;
            Throwable cause = failure;
            if (cause instanceof StalledClientException) {
                // not an error of this instance: the response just ends, as a finished job's does
                return emitter::complete;
            }
            return () -> emitter.completeWithError(cause);
        }
        if (pendingJob != null) {
            JobView job = pendingJob;
            long version = pendingVersion;
            pendingJob = null;
            started = true;
            return () -> send(
                    SseEmitter.event().id(Long.toString(version)).name(EVENT).data(job, MediaType.APPLICATION_JSON));
        }
        if (ended) {
            closed = true;
            return emitter::complete;
        }
        if (keepAliveDue) {
            keepAliveDue = false;
            started = true;
            return () -> send(SseEmitter.event().comment("keep-alive"));
        }
        if (greet && !started) {
            // the client that resumes with the newest Last-Event-ID gets the stream's head at once
            greet = false;
            started = true;
            return () -> send(SseEmitter.event().comment("open"));
        }
        return null;
    }

    private void send(SseEmitter.SseEventBuilder event) {
        writeStarted = System.nanoTime();
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            giveUp(e); // the client is gone, or the stream ended meanwhile (its timeout)
        } finally {
            writeStarted = 0;
        }
    }
}
