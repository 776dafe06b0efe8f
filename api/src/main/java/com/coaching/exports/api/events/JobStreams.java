package com.coaching.exports.api.events;

import com.coaching.exports.api.export.JobViews;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.job.JobChanges.Change;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The job event streams open on this API instance: at most {@code max-streams-per-trainer} per
 * trainer, each registered under its job. A change of a job ({@link JobChangeListener}) reads the
 * job once for all its streams, on a thread of this class, and offers it to each; a comment line
 * goes to every stream each {@code keep-alive}. A stream whose client is gone fails its next send
 * and gives its slot back; so does one that ended or timed out.
 */
@Component
class JobStreams implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobStreams.class);
    /** Threads that read changed jobs and send them: a slow client holds one, never the listener. */
    private static final int SENDERS = 2;

    private final JobVersions versions;
    private final JobViews views;
    private final EventProperties properties;
    private final Map<UUID, Set<JobStream>> byJob = new ConcurrentHashMap<>();
    private final Map<Long, Integer> perTrainer = new ConcurrentHashMap<>();
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, daemon("job-events-send"));
    private final ScheduledExecutorService keepAlives =
            Executors.newSingleThreadScheduledExecutor(daemon("job-events-keep-alive"));
    private volatile boolean running;
    private ScheduledFuture<?> keepAliveTask;

    JobStreams(JobVersions versions, JobViews views, EventProperties properties) {
        this.versions = versions;
        this.views = views;
        this.properties = properties;
    }

    /**
     * Opens a stream of the trainer's job and sends the job at once unless the client has its
     * version already ({@code lastEventId}); 404 for no such job (or another trainer's), 429 past
     * the bound.
     */
    JobStream open(long trainerId, UUID jobId, long lastEventId) {
        VersionedJob found = find(jobId, trainerId)
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "No export " + jobId + " was found."));
        JobStream stream = new JobStream(jobId, trainerId, lastEventId, properties.timeout());
        take(trainerId);
        byJob.compute(jobId, (id, streams) -> {
            Set<JobStream> all = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            all.add(stream);
            return all;
        });
        stream.emitter().onCompletion(() -> release(stream));
        stream.emitter().onTimeout(() -> release(stream));
        stream.emitter().onError(e -> release(stream));
        try {
            // read again once registered: a change committed between the two reads is sent either way
            offer(stream, find(jobId, trainerId).orElse(found));
            stream.startIfSilent();
        } catch (IOException e) {
            gone(stream, e);
        } catch (RuntimeException e) {
            release(stream); // the database went away: the request answers 503, and the place is free again
            throw e;
        }
        return stream;
    }

    /** A job changed: its streams here get it, unless each has that version already. */
    void changed(Change change) {
        Set<JobStream> streams = byJob.get(change.jobId());
        if (streams == null
                || (change.version() != null
                        && streams.stream().allMatch(stream -> stream.hasSent(change.version())))) {
            return;
        }
        refreshLater(change.jobId());
    }

    /** Every open stream gets its job again where it changed: notifications may have been missed. */
    void changedAll() {
        byJob.keySet().forEach(this::refreshLater);
    }

    int open() {
        return byJob.values().stream().mapToInt(Set::size).sum();
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
        Set<JobStream> streams = byJob.get(jobId);
        if (streams == null || streams.isEmpty()) {
            return;
        }
        try {
            // the streams of a job are all its trainer's: open() checked each
            Optional<VersionedJob> current =
                    versions.find(jobId, streams.iterator().next().trainerId());
            if (current.isEmpty()) {
                List.copyOf(streams).forEach(this::end); // deleted
                return;
            }
            List.copyOf(streams).forEach(stream -> offer(stream, current.get()));
        } catch (RuntimeException e) {
            // the database is away: the listener loses its connection too, and refreshes all once back
            log.warn("job events: cannot read job={}: {}", jobId, e.getMessage());
        }
    }

    private Optional<VersionedJob> find(UUID jobId, long trainerId) {
        return versions.find(jobId, trainerId);
    }

    private void offer(JobStream stream, VersionedJob current) {
        if (stream.hasSent(current.version()) && current.job().status().isActive()) {
            return;
        }
        try {
            stream.offer(current.version(), views.of(current.job()));
        } catch (IOException | IllegalStateException e) {
            gone(stream, e);
            return;
        }
        if (stream.hasEnded()) {
            // the emitter's completion callback does not come for a stream completed before its
            // response started (a job that had ended when the stream opened)
            release(stream);
        }
    }

    private void end(JobStream stream) {
        stream.end();
        release(stream);
    }

    private void keepAlive() {
        byJob.values().stream().flatMap(Set::stream).toList().forEach(stream -> {
            try {
                stream.keepAlive();
            } catch (IOException | RuntimeException e) {
                // a failed run would end the schedule: every failure is this stream's alone
                gone(stream, e);
            }
        });
    }

    private void gone(JobStream stream, Exception e) {
        log.debug("job events: client of job={} is gone: {}", stream.jobId(), e.getMessage());
        stream.fail(e);
        release(stream);
    }

    private void take(long trainerId) {
        boolean[] refused = {false};
        perTrainer.compute(trainerId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= properties.maxStreamsPerTrainer()) {
                refused[0] = true;
                return count;
            }
            return now + 1;
        });
        if (refused[0]) {
            throw new ApiException(
                    ProblemType.TOO_MANY_STREAMS,
                    "You have " + properties.maxStreamsPerTrainer()
                            + " event streams open; close one, or poll GET /api/v1/exports/{id}.");
        }
    }

    /** Gives the stream's slot back, once, however it ended. */
    private void release(JobStream stream) {
        if (!stream.release()) {
            return;
        }
        byJob.computeIfPresent(stream.jobId(), (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        perTrainer.computeIfPresent(stream.trainerId(), (id, count) -> count <= 1 ? null : count - 1);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public synchronized void start() {
        long every = properties.keepAlive().toMillis();
        keepAliveTask = keepAlives.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends every stream before the web server's graceful shutdown waits for open requests. */
    @Override
    public synchronized void stop() {
        running = false;
        byJob.values().stream().flatMap(Set::stream).toList().forEach(this::end);
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
