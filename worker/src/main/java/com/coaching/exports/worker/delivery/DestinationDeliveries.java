package com.coaching.exports.worker.delivery;

import com.coaching.exports.shared.destination.DeliveredNames;
import com.coaching.exports.shared.destination.DeliveryFailure;
import com.coaching.exports.shared.destination.Destination;
import com.coaching.exports.shared.destination.DestinationSettings;
import com.coaching.exports.shared.destination.Destinations;
import com.coaching.exports.shared.destination.Transfers;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.outbox.Outbox;
import com.coaching.exports.shared.outbox.Outcome;
import com.coaching.exports.shared.outbox.Verdict;
import com.coaching.exports.shared.storage.ExportFiles;
import com.coaching.exports.worker.delivery.DeliveryOutbox.Due;
import com.coaching.exports.worker.delivery.DeliveryOutbox.Try;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The delivery outbox as the outbox engine works it: the claim (leased), one try (the stored file
 * streamed from the service's store to the destination) and its record: delivered, due again at the
 * policy's next try, or FAILED once that try would fall after the retry window ({@code
 * exports.destinations.retry-for}, 24 h from the job's success), or at once when retrying cannot help
 * (the destination was deleted, the file expired).
 */
@Component
class DestinationDeliveries implements Outbox<Due, Try> {

    private static final Logger log = LoggerFactory.getLogger(DestinationDeliveries.class);

    /** A failure no later try can mend. */
    static final String FILE_GONE = "FILE_EXPIRED";

    private static final Set<String> FINAL = Set.of(DeliveryFailure.DELETED, FILE_GONE);

    private final DeliveryOutbox outbox;
    private final ExportJobRows jobs;
    private final Destinations destinations;
    private final ExportFiles files;
    private final Transfers transfers;
    private final DestinationSettings settings;
    private final TransactionTemplate transactions;

    DestinationDeliveries(
            DeliveryOutbox outbox,
            ExportJobRows jobs,
            Destinations destinations,
            ExportFiles files,
            Transfers transfers,
            DestinationSettings settings,
            TransactionTemplate transactions) {
        this.outbox = outbox;
        this.jobs = jobs;
        this.destinations = destinations;
        this.files = files;
        this.transfers = transfers;
        this.settings = settings;
        this.transactions = transactions;
    }

    @Override
    public List<Due> claim(Instant now, int limit) {
        return outbox.claim(now, now.plus(settings.lease()), limit);
    }

    @Override
    public int failedTries(Due due) {
        return due.attempts();
    }

    @Override
    public Outcome<Try> process(Due due) {
        Optional<ExportJob> found = jobs.findById(due.jobId());
        if (found.isEmpty()) {
            return Outcome.gone(); // the job was deleted, and its delivery with it
        }
        ExportJob job = found.get();
        if (job.status() != JobStatus.SUCCEEDED || job.result() == null) {
            return failed(FILE_GONE, "the file was removed (the export " + job.status() + ") before it was delivered");
        }
        Optional<Destination> destination;
        try {
            destination = destinations.findById(due.destinationId());
        } catch (IllegalStateException e) {
            // sealed under another EXPORTS_DESTINATIONS_KEY than this worker's (docs/operations.md)
            return failed(DeliveryFailure.FAILED, "the destination's credentials could not be read");
        }
        if (destination.isEmpty()) {
            return failed(DeliveryFailure.DELETED, "the destination was deleted");
        }
        String name = DeliveredNames.of(job.result().fileName(), job.id());
        try (InputStream in = files.open(job.result().objectKey())) {
            return Outcome.succeeded(Try.delivered(
                    transfers.deliver(destination.get(), name, job.result().contentType(), in)));
        } catch (DeliveryFailure e) {
            return failed(e.code(), Objects.requireNonNullElse(e.getMessage(), e.code()));
        } catch (SdkException | IOException e) {
            return failed(DeliveryFailure.FAILED, "the stored file could not be read; it is tried again");
        }
    }

    private static Try tryOf(@Nullable Try result) {
        return Objects.requireNonNull(result, "every try of a delivery records what it did");
    }

    private static Outcome<Try> failed(String code, String message) {
        return Outcome.failed(Try.failed(code, message), message);
    }

    @Override
    public void record(Due due, Verdict<Try> verdict) {
        transactions.executeWithoutResult(tx -> recordInTransaction(due, verdict));
    }

    private void recordInTransaction(Due due, Verdict<Try> verdict) {
        Instant now = verdict.at();
        if (verdict instanceof Verdict.Done<Try> done) {
            String location = tryOf(done.result()).where();
            outbox.delivered(due, location, now);
            log.info(
                    "delivery delivered job={} destination={} location={} attempt={}",
                    due.jobId(),
                    due.destinationId(),
                    location,
                    verdict.tries());
            return;
        }
        Try failed;
        Instant next = null;
        if (verdict instanceof Verdict.RetryAt<Try> retry) {
            failed = tryOf(retry.result());
            next = retry.next();
        } else {
            failed = tryOf(((Verdict.GiveUp<Try>) verdict).result());
        }
        if (next == null
                || FINAL.contains(failed.errorCode())
                || next.isAfter(due.createdAt().plus(settings.retryFor()))) {
            outbox.gaveUp(due, failed.errorCode(), failed.reason(), now);
            log.info(
                    "delivery failed job={} destination={} attempt={} code={} reason=\"{}\"",
                    due.jobId(),
                    due.destinationId(),
                    verdict.tries(),
                    failed.errorCode(),
                    failed.reason());
            return;
        }
        outbox.failed(due, failed.errorCode(), failed.reason(), now, next);
        log.info(
                "delivery not yet delivered job={} destination={} attempt={} code={} reason=\"{}\" next={}",
                due.jobId(),
                due.destinationId(),
                verdict.tries(),
                failed.errorCode(),
                failed.reason(),
                next);
    }
}
