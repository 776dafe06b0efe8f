package com.coaching.exports.api.export;

import com.coaching.exports.api.export.FileRedirect.Reader;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.audit.LinkRecipient;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.link.SignedLinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
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
    private final FileRedirect redirect;
    private final Clock clock;

    FileLinkController(SignedLinks links, ExportJobRows jobs, FileRedirect redirect, Clock clock) {
        this.links = links;
        this.jobs = jobs;
        this.redirect = redirect;
        this.clock = clock;
    }

    @Operation(
            summary = "Download the file through an emailed link",
            description = "No bearer token: the link's HMAC signature, valid until the file's retention ends.")
    @SecurityRequirements
    @ApiResponse(responseCode = "302", description = "To a fresh presigned URL")
    @ApiResponse(responseCode = "400", description = "A missing or malformed parameter")
    @ApiResponse(responseCode = "403", description = "The signature does not match")
    @ApiResponse(responseCode = "404", description = "The job was deleted")
    @ApiResponse(responseCode = "409", description = "The job has not succeeded")
    @ApiResponse(responseCode = "410", description = "The file was removed after its retention period")
    @GetMapping(SignedLinks.PATH)
    ResponseEntity<Void> file(
            @PathVariable UUID id,
            @RequestParam long expires,
            @RequestParam String signature,
            HttpServletRequest client) {
        if (!links.verify(id, expires, signature)) {
            throw new ApiException(ProblemType.LINK_INVALID, "This download link is not valid.");
        }
        if (clock.instant().isAfter(Instant.ofEpochSecond(expires))) {
            throw Reader.LINK_FOLLOWER.expired();
        }
        ExportJob job = jobs.findById(id)
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "This export was deleted."));
        return redirect.to(job, Reader.LINK_FOLLOWER, LinkRecipient.emailedLink(client.getRemoteAddr()));
    }
}
