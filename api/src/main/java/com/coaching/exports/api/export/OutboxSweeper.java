package com.coaching.exports.api.export;

import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxProperties;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.shared.messaging.OutboxRepository.Pending;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Publishes again every job whose message the broker did not confirm (it was down, or the API
 * stopped between commit and confirm), so a broker outage delays a job and never loses it. Each
 * entry is tried on its own, with backoff: one the broker refuses holds back no other. It also
 * puts back in the outbox a queued job whose message was last confirmed long ago, in case the
 * message itself was lost. Several API instances may publish the same job twice: workers ignore
 * a job that is not queued.
 */
@Component
class OutboxSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);
    private static final int BATCH = 100;
    /** Short enough that a job is published soon after a long broker outage ends. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OutboxRepository outbox;
    private final JobPublisher publisher;
    private final Clock clock;
    private final OutboxProperties properties;
    private final Duration grace;
    private final Duration republishAfter;
    private final Duration confirmTimeout;

    OutboxSweeper(OutboxRepository outbox, JobPublisher publisher, Clock clock, OutboxProperties properties) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        this.properties = properties;
        this.grace = properties.grace();
        this.republishAfter = properties.republishAfter();
        this.confirmTimeout = properties.confirmTimeout();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::sweep, properties.sweepInterval());
    }

    void sweep() {
        try {
            Instant now = clock.instant();
            int lost = outbox.addUnpublishedSince(now.minus(republishAfter), now);
            if (lost > 0) {
                log.warn(
                        "jobs queued without a confirmed message for {}, publishing them again jobs={}",
                        republishAfter,
                        lost);
            }
            List<Pending> due = outbox.takeDue(now.minus(grace), now, grace, MAX_BACKOFF, BATCH);
            List<CompletableFuture<Boolean>> sent = due.stream()
                    .map(pending -> publisher.publish(pending.jobId(), pending.lane()))
                    .toList();
            long confirmed = awaitAll(sent);
            if (!due.isEmpty()) {
                log.info("outbox swept published={} confirmed={}", due.size(), confirmed);
            }
        } catch (DataAccessException e) {
            log.warn("outbox sweep skipped: {}", e.getMessage());
        }
    }

    /** Waits for the confirms, at most a confirm timeout and a little, so rounds do not overlap. */
    private long awaitAll(List<CompletableFuture<Boolean>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(confirmTimeout.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // counted below; the entries not confirmed stay in the outbox
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent.stream().filter(future -> future.getNow(false)).count();
    }
}
