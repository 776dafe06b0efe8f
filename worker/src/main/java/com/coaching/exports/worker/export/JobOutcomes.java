package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.metrics.JobMetrics;
import com.coaching.exports.worker.mail.MailOutbox;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends a job and, when the trainer asked to be told, records the mail in the same transaction:
 * one mail per job, however often its message arrives or its worker dies after the end.
 */
@Component
public class JobOutcomes {

    private final ExportJobRepository jobs;
    private final MailOutbox mails;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JobMetrics metrics;

    JobOutcomes(ExportJobRepository jobs, MailOutbox mails, TransactionTemplate transactions, Clock clock,
            JobMetrics metrics) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.mails = mails;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** RUNNING → SUCCEEDED; false when {@code heldBy} no longer holds the job. */
    boolean succeed(ExportJob job, String heldBy, JobResult result) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean ended = jobs.succeed(job.id(), heldBy, result, clock.instant());
            if (ended) {
                metrics.succeeded(job, result);
            }
            if (ended && job.notifyByEmail()) {
                mails.enqueue(job.id(), job.trainerId(), JobStatus.SUCCEEDED, clock.instant());
            }
            return ended;
        }));
    }

    /** RUNNING → CANCELLED, as the trainer asked; false when {@code heldBy} no longer holds the job. */
    public boolean cancel(ExportJob job, String heldBy) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean ended = jobs.cancelRunning(job.id(), heldBy, clock.instant());
            if (ended) {
                metrics.cancelled(job);
            }
            return ended;
        }));
    }

    /** RUNNING → FAILED; false when {@code heldBy} no longer holds the job. */
    public boolean fail(ExportJob job, String heldBy, JobError error) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean ended = jobs.fail(job.id(), heldBy, error, clock.instant());
            if (ended) {
                metrics.failed(job, error);
            }
            if (ended && job.notifyByEmail()) {
                mails.enqueue(job.id(), job.trainerId(), JobStatus.FAILED, clock.instant());
            }
            return ended;
        }));
    }
}
