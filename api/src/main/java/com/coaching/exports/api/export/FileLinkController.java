package com.coaching.exports.api.export;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.link.SignedLinks;
import com.coaching.exports.shared.storage.ExportFiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "exports")
class FileLinkController {

    private final SignedLinks links;
    private final ExportJobRows jobs;
    private final ExportFiles files;
    private final Clock clock;

    FileLinkController(SignedLinks links, ExportJobRows jobs, ExportFiles files, Clock clock) {
        this.links = links;
        this.jobs = jobs;
        this.files = files;
        this.clock = clock;
    }

    @Operation(
            summary = "Download the file through an emailed link",
            description = "No bearer token: the link's HMAC signature, valid until the file's retention ends.")
    @SecurityRequirements
    @ApiResponse(
            responseCode = "302",
            description = "To a fresh presigned URL",
            headers = {
                @Header(
                        name = HttpHeaders.LOCATION,
                        description = "the presigned URL",
                        required = true,
                        schema = @Schema(type = "string", format = "uri")),
                @Header(
                        name = HttpHeaders.CACHE_CONTROL,
                        description = "no-store",
                        required = true,
                        schema = @Schema(type = "string"))
            })
    @ApiResponse(responseCode = "400", description = "A missing or malformed parameter")
    @ApiResponse(responseCode = "403", description = "The signature does not match")
    @ApiResponse(responseCode = "404", description = "The job was deleted")
    @ApiResponse(responseCode = "409", description = "The job has not succeeded")
    @ApiResponse(responseCode = "410", description = "The file was removed after its retention period")
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
        return new ApiException(
                ProblemType.FILE_EXPIRED,
                "The file of this export was removed after its retention period; please export again.");
    }
}
