package com.coaching.exports.bench;

import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs of a chaos run as its phases share them: the trainers who ask for exports, an API client
 * for each, every job the API accepted and those the load or a fault deleted.
 */
final class ChaosJobs {

    private final URI api;
    private final List<Long> smallTrainers;
    private final long bulkTrainer;
    /** Job id → trainer, for every job the API accepted. */
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();

    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<Long, ApiClient> clients = new ConcurrentHashMap<>();

    ChaosJobs(URI api, List<Long> smallTrainers, long bulkTrainer) {
        this.api = api;
        this.smallTrainers = List.copyOf(smallTrainers);
        this.bulkTrainer = bulkTrainer;
    }

    List<Long> smallTrainers() {
        return smallTrainers;
    }

    long bulkTrainer() {
        return bulkTrainer;
    }

    /** Every trainer of the run, the bulk one last. */
    List<Long> trainers() {
        List<Long> trainers = new ArrayList<>(smallTrainers);
        trainers.add(bulkTrainer);
        return trainers;
    }

    ApiClient client(long trainer) {
        return clients.computeIfAbsent(trainer, t -> new ApiClient(api, Tokens.trainer(t)));
    }

    void accepted(String job, long trainer) {
        accepted.put(job, trainer);
    }

    /** Job id → trainer, for every job the API accepted. */
    Map<String, Long> accepted() {
        return accepted;
    }

    void deleted(String job) {
        deleted.add(job);
    }

    boolean isDeleted(String job) {
        return deleted.contains(job);
    }

    int deletedCount() {
        return deleted.size();
    }
}
