package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import com.coaching.exports.shared.metrics.JobMetrics;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a running job back in the queue (RUNNING → QUEUED) with a new outbox entry, and publishes
 * it: the same way in as a new job, so a broker outage delays it and never loses it.
 */
@Component
public class JobReturner {

    private final ExportJobRepository jobs;
    private final OutboxRepository outbox;
    private final JobPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JobMetrics metrics;

    JobReturner(ExportJobRepository jobs, OutboxRepository outbox, JobPublisher publisher,
            TransactionTemplate transactions, Clock clock, JobMetrics metrics) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.outbox = outbox;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return false when the job was no longer held by {@code heldBy} */
    public boolean requeue(ExportJob job, String heldBy) {
        UUID jobId = job.id();
        Boolean requeued = transactions.execute(tx -> {
            if (!jobs.requeue(jobId, heldBy)) {
                return false;
            }
            outbox.add(jobId, clock.instant());
            return true;
        });
        if (Boolean.TRUE.equals(requeued)) {
            publisher.publish(jobId, job.lane());
            metrics.retried(job);
            return true;
        }
        return false;
    }
}
