package com.coaching.exports.api.events;

import com.coaching.exports.api.export.JobViews;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.audit.LinkRecipient;
import com.coaching.exports.shared.job.JobChanges.Change;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The job event streams open on this API instance: at most {@code max-streams-per-trainer} per
 * trainer, each registered under its job. A change of a job ({@link JobChangeListener}) reads the
 * job once for all its streams, on a thread of this class, and queues it on each; a comment line is
 * queued on every stream each {@code keep-alive}. Each stream's writes are made on a writer thread
 * of its own while it has something to write ({@link JobStream#write()}), so a client that stops
 * reading blocks its own writer only: no reader, no keep-alive and no other stream waits for it. A
 * write that waits longer than {@code write-timeout} gives its stream up and its slot back; so
 * does a stream whose client is gone, one that ended or timed out.
 */
@Component
class JobStreams implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobStreams.class);
    /** Threads that read changed jobs and queue them on their streams: they never write. */
    private static final int SENDERS = 2;

    private final JobVersions versions;
    private final JobViews views;
    private final EventProperties properties;
    private final OpenStreams streams;
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders =
            Executors.newFixedThreadPool(SENDERS, DaemonThreads.named("job-events-send"));
    /**
     * One thread per stream that is writing now, none for an idle one: a stalled write holds its
     * thread until Tomcat's own write timeout ends it (the connection's {@code connection-timeout}).
     */
    private final ExecutorService writers = Executors.newCachedThreadPool(DaemonThreads.named("job-events-write"));

    private final ScheduledExecutorService keepAlives =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("job-events-keep-alive"));
    private volatile boolean running;
    private @Nullable ScheduledFuture<?> keepAliveTask;
    private @Nullable ScheduledFuture<?> stallCheck;

    JobStreams(JobVersions versions, JobViews views, EventProperties properties) {
        this.versions = versions;
        this.views = views;
        this.properties = properties;
        this.streams = new OpenStreams(properties.maxStreamsPerTrainer());
    }

    /**
     * Opens a stream of the trainer's job and sends the job at once unless the client has its
     * version already ({@code lastEventId}); 404 for no such job (or another trainer's), 429 past
     * the bound.
     */
    JobStream open(long trainerId, UUID jobId, LinkRecipient recipient, long lastEventId) {
        VersionedJob found = versions.find(jobId, trainerId)
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "No export " + jobId + " was found."));
        JobStream stream = new JobStream(jobId, trainerId, recipient, lastEventId, properties.timeout());
        streams.add(stream);
        stream.emitter().onCompletion(() -> gone(stream, null));
        stream.emitter().onTimeout(() -> gone(stream, null));
        stream.emitter().onError(e -> gone(stream, e));
        try {
            // read again once registered: a change committed between the two reads is sent either way
            offer(stream, versions.find(jobId, trainerId).orElse(found));
        } catch (RuntimeException e) {
            streams.release(stream); // the database went away: the request answers 503, and the place is free again
            throw e;
        }
        write(stream); // the job, or the stream's head when the client has that version already
        return stream;
    }

    /** A job changed: its streams here get it, unless each has that version already. */
    void changed(Change change) {
        List<JobStream> ofJob = streams.of(change.jobId());
        if (ofJob.isEmpty()
                || (change.version() != null && ofJob.stream().allMatch(stream -> stream.hasSent(change.version())))) {
            return;
        }
        refreshLater(change.jobId());
    }

    /** Every open stream gets its job again where it changed: notifications may have been missed. */
    void changedAll() {
        streams.jobs().forEach(this::refreshLater);
    }

    int open() {
        return streams.count();
    }

    private void refreshLater(UUID jobId) {
        if (pending.add(jobId)) {
            senders.execute(() -> {
                pending.remove(jobId);
                refresh(jobId);
            });
        }
    }

    private void refresh(UUID jobId) {
        List<JobStream> ofJob = streams.of(jobId);
        if (ofJob.isEmpty()) {
            return;
        }
        try {
            // the streams of a job are all its trainer's: open() checked each
            Optional<VersionedJob> current = versions.find(jobId, ofJob.get(0).trainerId());
            if (current.isEmpty()) {
                ofJob.forEach(this::end); // deleted
                return;
            }
            // the view once for all the job's streams
            ofJob.forEach(stream -> offer(stream, current.get()));
        } catch (RuntimeException e) {
            // the database is away: the listener loses its connection too, and refreshes all once back
            log.warn("job events: cannot read job={}: {}", jobId, e.getMessage());
        }
    }

    /** The view only for a stream that will send it: a link in it is recorded as handed out. */
    private void offer(JobStream stream, VersionedJob current) {
        if (stream.hasSent(current.version())) {
            if (!current.job().status().isActive()) {
                end(stream); // the client has the finished job already
            }
            return;
        }
        stream.offer(current.version(), views.of(current.job(), stream.recipient()));
        write(stream);
    }

    private void end(JobStream stream) {
        stream.end();
        write(stream);
    }

    /** Has the stream's queue written out on a writer thread, unless one is at it already. */
    private void write(JobStream stream) {
        if (!stream.claim()) {
            return;
        }
        try {
            writers.execute(() -> {
                if (stream.write()) {
                    // the emitter's completion callback does not come for a stream completed before its
                    // response started (a job that had ended when the stream opened)
                    streams.release(stream);
                }
            });
        } catch (RejectedExecutionException e) {
            streams.release(stream); // this instance is going away
        }
    }

    private void keepAlive() {
        streams.all().forEach(stream -> {
            stream.keepAlive();
            write(stream);
        });
    }

    /** Gives up every stream whose write has waited longer than {@code write-timeout}: its client stopped reading. */
    private void giveUpStalled() {
        long now = System.nanoTime();
        streams.all().stream()
                .filter(stream -> stream.writing(now).compareTo(properties.writeTimeout()) > 0)
                .toList()
                .forEach(stream -> {
                    log.info(
                            "job events: stream closed, its client stopped reading job={} trainer={} ms={}",
                            stream.jobId(),
                            stream.trainerId(),
                            stream.writing(now).toMillis());
                    // the emitter ends with this once the blocked write returns; the slot is free at once
                    stream.giveUp(new StalledClientException(properties.writeTimeout()));
                    streams.release(stream);
                });
    }

    /** The container ended the stream (completed, timed out, or the client went away). */
    private void gone(JobStream stream, @Nullable Throwable e) {
        if (e != null) {
            log.debug("job events: client of job={} is gone: {}", stream.jobId(), e.getMessage());
        }
        stream.end();
        streams.release(stream);
    }

    @Override
    public synchronized void start() {
        long every = properties.keepAlive().toMillis();
        keepAliveTask = keepAlives.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
        long check = properties.stallCheckEvery().toMillis();
        stallCheck = keepAlives.scheduleAtFixedRate(this::giveUpStalled, check, check, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends every stream before the web server's graceful shutdown waits for open requests. */
    @Override
    public synchronized void stop() {
        running = false;
        streams.all().forEach(this::end);
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
        }
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
    }

    /**
     * The threads go with the bean, not with {@link #stop()}: a stopped context may be started again
     * (the test framework pauses the contexts it caches, and resumes them).
     */
    @Override
    public void destroy() {
        keepAlives.shutdownNow();
        senders.shutdownNow();
        writers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
