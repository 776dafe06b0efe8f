package com.coaching.exports.api.export;

import com.coaching.exports.shared.audit.IssuedLinks;
import com.coaching.exports.shared.audit.LinkRecipient;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.ExportFiles;
import com.coaching.exports.shared.storage.ExportFiles.DownloadLink;
import com.coaching.exports.shared.view.JobDeliveries;
import com.coaching.exports.shared.view.JobDelivery;
import com.coaching.exports.shared.view.JobEvent;
import com.coaching.exports.shared.view.JobView;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A job as the API answers it: its history and, once succeeded, a fresh download link. One place,
 * so {@code GET /api/v1/exports/{id}}, the list and the job's event stream answer the same JSON. A
 * fresh link is a link handed out: it is recorded ({@link IssuedLinks}) before the history is read,
 * so the answer shows its own entry; a job without a file hands out nothing and records nothing.
 */
@Component
public class JobViews {

    private final ExportJobService jobs;
    private final ExportFiles files;
    private final IssuedLinks issued;
    private final Clock clock;
    private final JobDeliveries deliveries;

    JobViews(ExportJobService jobs, ExportFiles files, IssuedLinks issued, Clock clock, JobDeliveries deliveries) {
        this.jobs = jobs;
        this.files = files;
        this.issued = issued;
        this.clock = clock;
        this.deliveries = deliveries;
    }

    /**
     * Signs one link as the API starts, so the first job that succeeds is not answered (nor its
     * event sent) a second late: the signer's first use loads and sets up much of the SDK.
     */
    @EventListener(ApplicationReadyEvent.class)
    void signOnce() {
        files.downloadLink(new JobResult("warm-up.csv", "warm-up", 0, 0, "", "text/csv", null));
    }

    /** The job with its history, read now; its link, if it has one, handed to {@code recipient}. */
    public JobView of(ExportJob job, LinkRecipient recipient) {
        return of(List.of(job), recipient).get(0);
    }

    /** The jobs of a page, their links recorded and their histories read in one statement each. */
    List<JobView> of(List<ExportJob> page, LinkRecipient recipient) {
        List<UUID> withLinks =
                page.stream().filter(JobViews::hasFile).map(ExportJob::id).toList();
        issued.record(withLinks, recipient, clock.instant());
        Map<UUID, List<JobEvent>> histories =
                jobs.histories(page.stream().map(ExportJob::id).toList());
        return page.stream()
                .map(job -> JobView.of(job, link(job), histories.getOrDefault(job.id(), List.of()), delivery(job)))
                .toList();
    }

    /** Read only for a job that names a destination and got as far as a delivery (or expired after one). */
    private @Nullable JobDelivery delivery(ExportJob job) {
        boolean stored = job.status() == JobStatus.SUCCEEDED || job.status() == JobStatus.EXPIRED;
        return stored && job.options().destination() != null
                ? deliveries.of(job.id()).orElse(null)
                : null;
    }

    private @Nullable DownloadLink link(ExportJob job) {
        JobResult result = job.result();
        return hasFile(job) && result != null ? files.downloadLink(result) : null;
    }

    private static boolean hasFile(ExportJob job) {
        return job.status() == JobStatus.SUCCEEDED;
    }
}
