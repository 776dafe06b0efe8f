package com.coaching.exports.api.events;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event streams open on this API instance, by job, and each trainer's count of them: a stream
 * takes a slot when it opens, past {@code max-streams-per-trainer} it is refused, and it gives its
 * slot back once, however it ends.
 */
final class OpenStreams {

    private final Map<UUID, Set<JobStream>> byJob = new ConcurrentHashMap<>();
    private final Map<Long, Integer> perTrainer = new ConcurrentHashMap<>();
    private final int maxPerTrainer;

    OpenStreams(int maxPerTrainer) {
        this.maxPerTrainer = maxPerTrainer;
    }

    /** Registers the stream under its job; 429 when its trainer has every slot taken. */
    void add(JobStream stream) {
        take(stream.trainerId());
        byJob.compute(stream.jobId(), (id, streams) -> {
            Set<JobStream> all = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            all.add(stream);
            return all;
        });
    }

    /** Gives the stream's slot back, once, however it ended. */
    void release(JobStream stream) {
        if (!stream.release()) {
            return;
        }
        byJob.computeIfPresent(stream.jobId(), (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        perTrainer.computeIfPresent(stream.trainerId(), (id, count) -> count <= 1 ? null : count - 1);
    }

    /** The job's open streams, a copy; empty when it has none. */
    List<JobStream> of(UUID jobId) {
        Set<JobStream> streams = byJob.get(jobId);
        return streams == null ? List.of() : List.copyOf(streams);
    }

    Set<UUID> jobs() {
        return byJob.keySet();
    }

    List<JobStream> all() {
        return byJob.values().stream().flatMap(Set::stream).toList();
    }

    int count() {
        return byJob.values().stream().mapToInt(Set::size).sum();
    }

    private void take(long trainerId) {
        boolean[] refused = {false};
        perTrainer.compute(trainerId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerTrainer) {
                refused[0] = true;
                return count;
            }
            return now + 1;
        });
        if (refused[0]) {
            throw new ApiException(
                    ProblemType.TOO_MANY_STREAMS,
                    "You have " + maxPerTrainer + " event streams open; close one, or poll GET /api/v1/exports/{id}.");
        }
    }
}
