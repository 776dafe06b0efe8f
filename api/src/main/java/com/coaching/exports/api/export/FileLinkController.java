package com.coaching.exports.api.export;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.link.SignedLinks;
import com.coaching.exports.shared.storage.ExportFiles;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link in the "export ready" mail: no bearer token, an HMAC signature instead, valid until the
 * file's retention ends; answers 302 to a fresh presigned URL.
 */
@RestController
class FileLinkController {

    private final SignedLinks links;
    private final ExportJobRepository jobs;
    private final ExportFiles files;
    private final Clock clock;

    FileLinkController(SignedLinks links, ExportJobRepository jobs, ExportFiles files, Clock clock) {
        this.links = links;
        this.jobs = jobs;
        this.files = files;
        this.clock = clock;
    }

    @GetMapping("/api/v1/exports/{id}/file")
    ResponseEntity<Void> file(@PathVariable UUID id, @RequestParam long expires, @RequestParam String signature) {
        if (!links.verify(id, expires, signature)) {
            throw new ApiException(ProblemType.LINK_INVALID, "This download link is not valid.");
        }
        if (clock.instant().isAfter(Instant.ofEpochSecond(expires))) {
            throw expired();
        }
        ExportJob job = jobs.findById(id)
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "This export was deleted."));
        if (job.status() == JobStatus.EXPIRED) {
            throw expired();
        }
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new ApiException(ProblemType.JOB_STATE_CONFLICT, "The export is " + job.status() + ".");
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(files.downloadLink(job.result()).url())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static ApiException expired() {
        return new ApiException(ProblemType.FILE_EXPIRED,
                "The file of this export was removed after its retention period; please export again.");
    }
}
