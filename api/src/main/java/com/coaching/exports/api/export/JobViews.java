package com.coaching.exports.api.export;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.ExportFiles;
import com.coaching.exports.shared.view.JobEvent;
import com.coaching.exports.shared.view.JobView;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A job as the API answers it: its history and, once succeeded, a fresh download link. One place,
 * so {@code GET /api/v1/exports/{id}} and the job's event stream answer the same JSON.
 */
@Component
public class JobViews {

    private final ExportJobService jobs;
    private final ExportFiles files;

    JobViews(ExportJobService jobs, ExportFiles files) {
        this.jobs = jobs;
        this.files = files;
    }

    /**
     * Signs one link as the API starts, so the first job that succeeds is not answered (nor its
     * event sent) a second late: the signer's first use loads and sets up much of the SDK.
     */
    @EventListener(ApplicationReadyEvent.class)
    void signOnce() {
        files.downloadLink(new JobResult("warm-up.csv", "warm-up", 0, 0, "", "text/csv"));
    }

    /** The job with its history, read now. */
    public JobView of(ExportJob job) {
        return of(job, jobs.histories(List.of(job.id())).getOrDefault(job.id(), List.of()));
    }

    JobView of(ExportJob job, List<JobEvent> history) {
        JobResult result = job.result();
        return JobView.of(
                job,
                job.status() == JobStatus.SUCCEEDED && result != null ? files.downloadLink(result) : null,
                history);
    }
}
