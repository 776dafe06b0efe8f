package com.coaching.exports.api.export;

import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.ExportFiles;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The endpoints of contract section 3. */
@RestController
@RequestMapping("/api/v1/exports")
class ExportController {

    /** How long a client should wait before polling an active job again, in seconds. */
    static final String POLL_AFTER_SECONDS = "2";
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final ExportJobService jobs;
    private final ExportFiles files;

    ExportController(ExportJobService jobs, ExportFiles files) {
        this.jobs = jobs;
        this.files = files;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> create(TrainerId trainer, @RequestBody ExportRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw ApiException.invalid("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        ExportJobService.Created created = jobs.create(trainer, request.validate(), idempotencyKey);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/exports/" + created.job().id()));
        if (created.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(view(created.job()));
    }

    @GetMapping("/{id}")
    ResponseEntity<JobView> get(TrainerId trainer, @PathVariable UUID id) {
        ExportJob job = jobs.find(trainer, id);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (job.status().isActive()) {
            response.header(HttpHeaders.RETRY_AFTER, POLL_AFTER_SECONDS);
        }
        return response.body(view(job));
    }

    @GetMapping
    JobPage list(TrainerId trainer, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        long total = jobs.count(trainer);
        var items = jobs.page(trainer, page, size).stream().map(this::view).toList();
        return new JobPage(items, page, size, total, (total + size - 1) / size);
    }

    @PostMapping("/{id}/cancel")
    JobView cancel(TrainerId trainer, @PathVariable UUID id) {
        return view(jobs.cancel(trainer, id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(TrainerId trainer, @PathVariable UUID id) {
        jobs.delete(trainer, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/download")
    ResponseEntity<Void> download(TrainerId trainer, @PathVariable UUID id) {
        ExportJob job = jobs.find(trainer, id);
        if (job.status() == JobStatus.EXPIRED) {
            throw new ApiException(ProblemType.FILE_EXPIRED, "The file of this export was removed after its retention period.");
        }
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new ApiException(ProblemType.JOB_STATE_CONFLICT,
                    "The export is " + job.status() + "; only a SUCCEEDED export has a file.");
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(files.downloadLink(job.result()).url())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private JobView view(ExportJob job) {
        return JobView.of(job, job.status() == JobStatus.SUCCEEDED ? files.downloadLink(job.result()) : null);
    }
}
