package com.coaching.exports.bench;

import com.coaching.exports.embedded.faults.FaultyServices;
import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.testkit.ObjectKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The chaos run's faults: PostgreSQL cut, the broker, the store or SMTP black-holed, the store
 * refusing, a worker SIGKILLed, and two that strike at an exact moment of a file's upload.
 */
final class ChaosFaults {

    private final FaultyServices services;
    private final ChaosWorkers workers;
    private final ChaosJobs jobs;
    /** Each fault injected → how often. */
    private final Map<String, Integer> injected = new TreeMap<>();

    ChaosFaults(FaultyServices services, ChaosWorkers workers, ChaosJobs jobs) {
        this.services = services;
        this.workers = workers;
        this.jobs = jobs;
    }

    /**
     * One fault at a time, 3-15 s long, 5-15 s apart, until the load ends: each kind once in a shuffled round,
     * then another round. Two of them strike at an exact moment: as the store receives a file's last request,
     * PostgreSQL is cut, or the job deleted.
     */
    void inject(long end) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Integer> round = new ArrayList<>();
        Chaos.pause(Duration.ofSeconds(5));
        while (System.nanoTime() < end) {
            if (round.isEmpty()) {
                round.addAll(List.of(0, 1, 2, 3, 4, 5, 6, 7));
                Collections.shuffle(round);
            }
            Duration length = Duration.ofSeconds(3 + random.nextInt(13));
            String fault = switch (round.remove(0)) {
                case 0 -> hold(services.database(), "postgres cut", FaultyTcpProxy::cut, length);
                case 1 -> hold(services.broker(), "broker black-holed", FaultyTcpProxy::blackHole, length);
                case 2 -> hold(services.store(), "store black-holed", FaultyTcpProxy::blackHole, length);
                case 3 -> hold(services.store(), "store refusing", FaultyTcpProxy::refuse, length);
                case 4 -> hold(services.mail(), "smtp black-holed", FaultyTcpProxy::blackHole, length);
                case 5 ->
                    atFileEnd("postgres cut as a file completes", line -> {
                        services.database().cut();
                        Chaos.pause(length);
                        services.database().heal();
                    });
                case 6 ->
                    atFileEnd("job deleted as its file completes", line -> {
                        ObjectKeys.ownerIn(line)
                                .filter(owner -> jobs.client(owner.trainer())
                                                .delete("/api/v1/exports/" + owner.job())
                                                .status()
                                        == 204)
                                .ifPresent(owner -> jobs.deleted(owner.job()));
                    });
                default -> workers.kill(random.nextInt(workers.count()));
            };
            injected.merge(fault, 1, Integer::sum);
            Chaos.pause(Duration.ofSeconds(5 + random.nextInt(11)));
        }
    }

    /** Each fault injected → how often, in the order of their names. */
    Map<String, Integer> injected() {
        return injected;
    }

    /**
     * Runs {@code action} on the store's proxy thread as a file's last request arrives (a single PUT, or
     * CompleteMultipartUpload), before the store sees it; gives up after 30 s.
     */
    private String atFileEnd(String fault, Consumer<String> action) {
        Chaos.log("fault: %s (armed)", fault);
        CountDownLatch fired = new CountDownLatch(1);
        AtomicReference<String> request = new AtomicReference<>();
        services.store()
                .onRequest(
                        line -> {
                            boolean last = (line.startsWith("PUT ") && !line.contains("partNumber="))
                                    || (line.startsWith("POST ") && line.contains("uploadId="));
                            if (last) {
                                request.set(line);
                            }
                            return last;
                        },
                        () -> {
                            fired.countDown();
                            action.accept(request.get());
                        });
        try {
            if (!fired.await(30, TimeUnit.SECONDS)) {
                services.store().disarm();
                return fault + " (not fired)";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fault;
    }

    private static String hold(FaultyTcpProxy proxy, String fault, Consumer<FaultyTcpProxy> how, Duration length) {
        Chaos.log("fault: %s for %d s", fault, length.toSeconds());
        how.accept(proxy);
        Chaos.pause(length);
        proxy.heal(); // black-holed connections stay dead: only a client's own timeout ends them
        return fault;
    }
}
