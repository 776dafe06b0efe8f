package com.coaching.exports.api.events;

import com.coaching.exports.shared.view.JobView;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream of one job: sends the job when its version is newer than the last one sent
 * (so nothing is sent twice, whatever order the reads arrive in), and ends after a finished job.
 */
final class JobStream {

    static final String EVENT = "job";

    private final UUID jobId;
    private final long trainerId;
    private final SseEmitter emitter;
    private final AtomicBoolean released = new AtomicBoolean();
    private long lastSent;
    private boolean ended;
    private boolean started;

    /** @param lastSent the {@code Last-Event-ID} the client resumes after, 0 for none */
    JobStream(UUID jobId, long trainerId, long lastSent, Duration timeout) {
        this.jobId = jobId;
        this.trainerId = trainerId;
        this.lastSent = lastSent;
        this.emitter = new SseEmitter(timeout.toMillis());
    }

    UUID jobId() {
        return jobId;
    }

    long trainerId() {
        return trainerId;
    }

    SseEmitter emitter() {
        return emitter;
    }

    synchronized boolean hasSent(long version) {
        return ended || version <= lastSent;
    }

    /**
     * Sends the job unless the client has this version already; ends the stream once the job is no
     * longer queued or running.
     *
     * @throws IOException when the client is gone
     */
    synchronized void offer(long version, JobView job) throws IOException {
        if (ended) {
            return;
        }
        if (version > lastSent) {
            emitter.send(
                    SseEmitter.event().id(Long.toString(version)).name(EVENT).data(job, MediaType.APPLICATION_JSON));
            lastSent = version;
            started = true;
        }
        if (!job.status().isActive()) {
            end();
        }
    }

    /**
     * Starts the response with a comment line when no event started it: the client that resumes with
     * the newest {@code Last-Event-ID} gets the stream's head at once, not at the first keep-alive.
     */
    synchronized void startIfSilent() throws IOException {
        if (!started && !ended) {
            emitter.send(SseEmitter.event().comment("open"));
            started = true;
        }
    }

    synchronized boolean hasEnded() {
        return ended;
    }

    /** A comment line, which clients ignore and proxies count as traffic. */
    synchronized void keepAlive() throws IOException {
        if (!ended) {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        }
    }

    /** Ends the stream normally (the job finished or is gone, or this instance stops). */
    synchronized void end() {
        if (!ended) {
            ended = true;
            emitter.complete();
        }
    }

    /** True the first time only: the stream's slot is given back once. */
    boolean release() {
        return released.compareAndSet(false, true);
    }

    /** Ends a stream whose client is gone. */
    synchronized void fail(Throwable cause) {
        if (!ended) {
            ended = true;
            emitter.completeWithError(cause);
        }
    }
}
