package com.coaching.exports.api.export;

import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxProperties;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.shared.messaging.OutboxRepository.Pending;
import com.coaching.exports.shared.outbox.Outbox;
import com.coaching.exports.shared.outbox.OutboxEngine;
import com.coaching.exports.shared.outbox.Outcome;
import com.coaching.exports.shared.outbox.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes again every job whose message the broker did not confirm (it was down, or the API
 * stopped between commit and confirm), so a broker outage delays a job and never loses it. Each
 * entry is tried on its own, with a backoff that doubles per try ({@link OutboxProperties#retries}, 5 s … 30 s):
 * one the broker refuses holds back no other. A confirm removes the entry ({@link JobPublisher}). It
 * also puts back in the outbox a queued job whose message was last confirmed long ago, in case the
 * message itself was lost. Several API instances may publish the same job twice: workers ignore a
 * job that is not queued.
 */
@Component
class OutboxSweeper implements HousekeepingTask, Outbox<Pending, Boolean> {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);
    private static final int BATCH = 100;

    private final OutboxRepository outbox;
    private final JobPublisher publisher;
    private final Clock clock;
    private final OutboxProperties properties;
    private final Duration grace;
    private final Duration republishAfter;
    /** How long a sweep waits for its confirms, a confirm timeout and a little, so rounds do not overlap. */
    private final Duration awaitConfirms;

    private final OutboxEngine<Pending, Boolean> engine;

    OutboxSweeper(OutboxRepository outbox, JobPublisher publisher, Clock clock, OutboxProperties properties) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        this.properties = properties;
        this.grace = properties.grace();
        this.republishAfter = properties.republishAfter();
        this.awaitConfirms = properties.confirmTimeout().plusSeconds(1);
        this.engine = new OutboxEngine<>(this, properties.retries(), clock);
    }

    @Override
    public String name() {
        return "outbox sweep";
    }

    @Override
    public Duration interval() {
        return properties.sweepInterval();
    }

    @Override
    public void runOnce() {
        sweep();
    }

    void sweep() {
        Instant now = clock.instant();
        int lost = outbox.addUnpublishedSince(now.minus(republishAfter), now);
        if (lost > 0) {
            log.warn(
                    "jobs queued without a confirmed message for {}, publishing them again jobs={}",
                    republishAfter,
                    lost);
        }
        engine.pass(BATCH);
    }

    /** Entries older than the grace: a younger one is still being published after its commit. */
    @Override
    public List<Pending> claim(Instant now, int limit) {
        return outbox.takeDue(now.minus(grace), now.plus(awaitConfirms), limit);
    }

    @Override
    public int failedTries(Pending pending) {
        return pending.attempts() - 1; // the claim counted this try
    }

    @Override
    public Outcome<Boolean> process(Pending pending) {
        CompletableFuture<Boolean> sent = publisher.publish(pending.jobId(), pending.lane(), pending.traceparent());
        awaitAll(List.of(sent));
        return outcome(sent);
    }

    /** Publishes every message at once, then awaits their confirms together. */
    @Override
    public void processAll(List<Pending> due, BiConsumer<Pending, Outcome<Boolean>> settle) {
        List<CompletableFuture<Boolean>> sent = due.stream()
                .map(pending -> publisher.publish(pending.jobId(), pending.lane(), pending.traceparent()))
                .toList();
        awaitAll(sent);
        for (int i = 0; i < due.size(); i++) {
            settle.accept(due.get(i), outcome(sent.get(i)));
        }
        long confirmed = sent.stream().filter(future -> future.getNow(false)).count();
        log.info("outbox swept published={} confirmed={}", due.size(), confirmed);
    }

    /** A confirm already removed the entry; else it is due again after its backoff. */
    @Override
    public void record(Pending pending, Verdict<Boolean> verdict) {
        if (verdict instanceof Verdict.RetryAt<Boolean> retry) {
            outbox.retryAt(pending.jobId(), retry.next());
        } else if (verdict instanceof Verdict.GiveUp<Boolean>) {
            throw new IllegalStateException("a job's message is published until the broker confirms it");
        }
    }

    /** Confirmed by now, or not (yet): then it counts as a failed try, as the wait is over. */
    private static Outcome<Boolean> outcome(CompletableFuture<Boolean> sent) {
        return sent.getNow(false) ? Outcome.succeeded(true) : Outcome.failed(false, "not confirmed");
    }

    /** Waits for the confirms, at most the confirm timeout and a little; the others count as not confirmed. */
    private void awaitAll(List<CompletableFuture<Boolean>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(awaitConfirms.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // counted as not confirmed; the entries stay in the outbox
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
