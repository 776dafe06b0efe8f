package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.audit.IssuedLinks;
import com.coaching.exports.shared.audit.LinkRecipient;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.WebhookEvents;
import com.coaching.exports.shared.storage.ExportFiles;
import com.coaching.exports.shared.storage.ExportFiles.DownloadLink;
import com.coaching.exports.shared.view.JobDeliveries;
import com.coaching.exports.shared.view.JobHistories;
import com.coaching.exports.shared.view.JobView;
import com.coaching.exports.worker.webhook.WebhookOutbox.Due;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event's body, rendered at each try: the job as {@code GET /api/v1/exports/{id}} shows it now,
 * so a try hours after the event still carries a working download link. Each try's link is
 * recorded as handed out ({@link IssuedLinks}, {@code by} {@code webhook link}, no client address).
 */
@Component
class WebhookPayloads {

    private final ExportJobRows jobs;
    private final JobHistories histories;
    private final ExportFiles files;
    private final JsonMapper json;
    private final JobDeliveries deliveries;
    private final IssuedLinks issued;
    private final Clock clock;

    WebhookPayloads(
            ExportJobRows jobs,
            JobHistories histories,
            ExportFiles files,
            JsonMapper json,
            JobDeliveries deliveries,
            IssuedLinks issued,
            Clock clock) {
        this.jobs = jobs;
        this.histories = histories;
        this.files = files;
        this.json = json;
        this.deliveries = deliveries;
        this.issued = issued;
        this.clock = clock;
    }

    /** The body, or empty when the job was deleted (its event goes with it). */
    Optional<String> render(Due due) {
        if (WebhookEvents.TEST.equals(due.eventType())) {
            return Optional.of(body(due.eventType(), due.createdAt(), Map.of("webhookId", due.webhookId())));
        }
        return jobs.findById(due.jobId()).map(job -> body(due.eventType(), due.createdAt(), view(job)));
    }

    private JobView view(ExportJob job) {
        JobResult result = job.result();
        DownloadLink link = null;
        if (job.status() == JobStatus.SUCCEEDED && result != null) {
            issued.record(List.of(job.id()), LinkRecipient.WEBHOOK, clock.instant());
            link = files.downloadLink(result);
        }
        return JobView.of(
                job,
                link,
                histories.of(job.id()),
                job.options().destination() == null
                        ? null
                        : deliveries.of(job.id()).orElse(null));
    }

    private String body(String type, Instant timestamp, Object data) {
        return json.writeValueAsString(new Event(type, timestamp, data));
    }

    /** The Standard Webhooks payload shape. */
    record Event(String type, Instant timestamp, Object data) {}
}
