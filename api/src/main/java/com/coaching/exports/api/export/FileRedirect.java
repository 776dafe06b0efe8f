package com.coaching.exports.api.export;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.audit.IssuedLinks;
import com.coaching.exports.shared.audit.LinkRecipient;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.ExportFiles;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Where both ways to a file end (the API's download and the emailed link): a job's file exists only
 * once it SUCCEEDED (else 409) and until its retention ends (then 410); the answer is a 302 to a fresh
 * presigned URL, never cached, as the URL itself expires, recorded as handed to the recipient
 * ({@link IssuedLinks}).
 */
@Component
class FileRedirect {

    /** Who follows the redirect: an API client is told the job's state, a mail's reader what to do. */
    enum Reader {
        API_CLIENT(
                "The file of this export was removed after its retention period.",
                "; only a SUCCEEDED export has a file."),
        LINK_FOLLOWER("The file of this export was removed after its retention period; please export again.", ".");

        private final String expired;
        private final String notReadyEnd;

        Reader(String expired, String notReadyEnd) {
            this.expired = expired;
            this.notReadyEnd = notReadyEnd;
        }

        ApiException expired() {
            return new ApiException(ProblemType.FILE_EXPIRED, expired);
        }
    }

    private final ExportFiles files;
    private final IssuedLinks issued;
    private final Clock clock;

    FileRedirect(ExportFiles files, IssuedLinks issued, Clock clock) {
        this.files = files;
        this.issued = issued;
        this.clock = clock;
    }

    ResponseEntity<Void> to(ExportJob job, Reader reader, LinkRecipient recipient) {
        if (job.status() == JobStatus.EXPIRED) {
            throw reader.expired();
        }
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new ApiException(
                    ProblemType.JOB_STATE_CONFLICT, "The export is " + job.status() + reader.notReadyEnd);
        }
        issued.record(List.of(job.id()), recipient, clock.instant());
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(files.downloadLink(Objects.requireNonNull(job.result(), "a SUCCEEDED job has a result"))
                        .url())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
