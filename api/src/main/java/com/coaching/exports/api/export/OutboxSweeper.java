package com.coaching.exports.api.export;

import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes again every job whose message the broker did not confirm (it was down, or the API
 * stopped between commit and confirm), so a broker outage delays a job and never loses it.
 * Several API instances may publish the same job twice: workers ignore a job that is not queued.
 */
@Component
class OutboxSweeper {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);
    private static final int BATCH = 100;

    private final OutboxRepository outbox;
    private final JobPublisher publisher;
    private final Clock clock;
    private final Duration grace;

    OutboxSweeper(OutboxRepository outbox, JobPublisher publisher, Clock clock,
            @Value("${exports.outbox.grace:5s}") Duration grace) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(fixedDelayString = "${exports.outbox.sweep-interval:5s}")
    void sweep() {
        try {
            for (OutboxRepository.Pending pending : outbox.due(clock.instant().minus(grace), BATCH)) {
                if (!publishAndWait(pending)) {
                    return; // the broker is still away; try the rest next round
                }
                log.info("job republished job={} lane={}", pending.jobId(), pending.lane().id());
            }
        } catch (DataAccessException e) {
            log.warn("outbox sweep skipped: {}", e.getMessage());
        }
    }

    private boolean publishAndWait(OutboxRepository.Pending pending) {
        try {
            return publisher.publish(pending.jobId(), pending.lane()).get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
