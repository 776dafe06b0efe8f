package com.coaching.exports.worker.support;

import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.job.Lane;
import com.coaching.exports.shared.messaging.JobPublisher;
import com.coaching.exports.shared.messaging.OutboxRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Queues jobs the way the API does (row, outbox entry, confirmed message) and waits for them. */
@Component
public class Jobs {

    private final JobTransitions jobs;
    private final ExportJobRows rows;
    private final OutboxRepository outbox;
    private final JobPublisher publisher;

    public Jobs(JobTransitions jobs, ExportJobRows rows, OutboxRepository outbox, JobPublisher publisher) {
        this.jobs = jobs;
        this.rows = rows;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    public ExportJob queue(long trainerId, Dataset dataset, Integer days) {
        return queue(trainerId, dataset, days, false);
    }

    public ExportJob queue(long trainerId, Dataset dataset, Integer days, boolean notify) {
        return publish(insertQueued(trainerId, dataset, days, notify));
    }

    /** A job in the bulk lane, as the API queues one estimated at many rows. */
    public ExportJob queueBulk(long trainerId, Dataset dataset, Integer days) {
        return publish(insertQueuedBulk(trainerId, dataset, days));
    }

    public ExportJob insertQueuedBulk(long trainerId, Dataset dataset, Integer days) {
        ExportJob job = ExportJob.queued(UUID.randomUUID(), trainerId, dataset, days, false, Instant.now())
                .estimated(1_000_000, Lane.BULK);
        jobs.create(job, null, null);
        return job;
    }

    /** Sends the message of a job inserted before, with its outbox entry, as the API does. */
    public ExportJob publish(ExportJob job) {
        outbox.add(job.id(), job.createdAt());
        publisher.publish(job.id(), job.lane()).join();
        return job;
    }

    /** A queued job with no message: for tests that hand it to the runner themselves. */
    public ExportJob insertQueued(long trainerId, Dataset dataset, Integer days) {
        return insertQueued(trainerId, dataset, days, false);
    }

    public ExportJob insertQueued(long trainerId, Dataset dataset, Integer days, boolean notify) {
        ExportJob job = ExportJob.queued(UUID.randomUUID(), trainerId, dataset, days, notify, Instant.now());
        jobs.create(job, null, null);
        return job;
    }

    /** A job with the given file options, published as the API does. */
    public ExportJob queue(long trainerId, Dataset dataset, Integer days, ExportOptions options) {
        ExportJob job =
                ExportJob.queued(UUID.randomUUID(), trainerId, dataset, days, false, null, options, Instant.now());
        jobs.create(job, null, null);
        return publish(job);
    }

    public ExportJob awaitStatus(UUID id, JobStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> current(id).status() == status);
        return current(id);
    }

    public ExportJob current(UUID id) {
        return rows.findById(id).orElseThrow();
    }
}
