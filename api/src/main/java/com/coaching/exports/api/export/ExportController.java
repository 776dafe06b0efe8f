package com.coaching.exports.api.export;

import com.coaching.exports.api.destination.DestinationOwnership;
import com.coaching.exports.api.export.ExportRequest.ValidExportRequest;
import com.coaching.exports.api.export.FileRedirect.Reader;
import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.shared.audit.LinkRecipient;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.view.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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

/** The export endpoints of docs/api.md, "Endpoints". */
@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "exports", description = "A trainer's export jobs")
class ExportController {

    /** How long a client should wait before polling an active job again, in seconds. */
    static final String POLL_AFTER_SECONDS = "2";

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final ExportJobService jobs;
    private final JobViews views;
    private final DestinationOwnership ownership;
    private final FileRedirect redirect;
    private final Clock clock;

    ExportController(
            ExportJobService jobs, JobViews views, FileRedirect redirect, Clock clock, DestinationOwnership ownership) {
        this.ownership = ownership;
        this.jobs = jobs;
        this.views = views;
        this.redirect = redirect;
        this.clock = clock;
    }

    @Operation(
            summary = "Ask for an export",
            description = "Answers at once with the QUEUED job. A repeated"
                    + " Idempotency-Key (24 h) answers with the first job and Idempotent-Replayed: true.")
    @ApiResponse(
            responseCode = "202",
            description = "The job",
            useReturnTypeSchema = true,
            headers = {
                @Header(
                        name = HttpHeaders.LOCATION,
                        description = "/api/v1/exports/{id}",
                        required = true,
                        schema = @Schema(type = "string", format = "uri-reference")),
                @Header(
                        name = "Idempotent-Replayed",
                        description = "only when a repeated Idempotency-Key answers" + " with the first job",
                        schema = @Schema(type = "string", allowableValues = "true"))
            })
    @ApiResponse(responseCode = "400", description = "A bad field, malformed JSON or a bad Idempotency-Key")
    @ApiResponse(responseCode = "413", description = "A body over 16 KiB")
    @ApiResponse(responseCode = "415", description = "A body that is not application/json")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request")
    @ApiResponse(
            responseCode = "429",
            description =
                    "As many exports queued or running as one trainer may have (exports.jobs.max-active-per-trainer)",
            headers =
                    @Header(
                            name = HttpHeaders.RETRY_AFTER,
                            description = "seconds",
                            required = true,
                            schema = @Schema(type = "integer", minimum = "0")))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> create(
            TrainerId trainer,
            @RequestBody ExportRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            HttpServletRequest client) {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw ApiException.invalid("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        ValidExportRequest valid = request.validate(clock);
        ownership.require(trainer, valid.options().destination(), "destination");
        ExportJobService.Created created = jobs.create(trainer, valid, idempotencyKey);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/exports/" + created.job().id()));
        if (created.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(view(created.job(), client));
    }

    @Operation(summary = "One of the caller's jobs", description = "With a fresh download link once SUCCEEDED.")
    @ApiResponse(
            responseCode = "200",
            description = "The job",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = HttpHeaders.RETRY_AFTER,
                            description = "seconds, while QUEUED or RUNNING",
                            schema = @Schema(type = "integer", minimum = "0")))
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such job, or another trainer's")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> get(TrainerId trainer, @PathVariable UUID id, HttpServletRequest client) {
        ExportJob job = jobs.find(trainer, id);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (job.status().isActive()) {
            response.header(HttpHeaders.RETRY_AFTER, POLL_AFTER_SECONDS);
        }
        return response.body(view(job, client));
    }

    @Operation(summary = "The caller's jobs, newest first, paged")
    @ApiResponse(responseCode = "200", description = "A page of jobs", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "page below 0, or size outside 1..100")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    JobPage list(
            TrainerId trainer,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            HttpServletRequest client) {
        if (page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        long total = jobs.count(trainer);
        List<JobView> items = views.of(jobs.page(trainer, page, size), recipient(client));
        return new JobPage(items, page, size, total, (total + size - 1) / size);
    }

    @Operation(
            summary = "Cancel a job",
            description = "A queued job is CANCELLED at once; a running one stops"
                    + " within about a second (the job answered may still be RUNNING, with the cancel recorded).")
    @ApiResponse(responseCode = "200", description = "The job", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such job, or another trainer's")
    @ApiResponse(responseCode = "409", description = "The job has already finished")
    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    JobView cancel(TrainerId trainer, @PathVariable UUID id, HttpServletRequest client) {
        return view(jobs.cancel(trainer, id), client);
    }

    @Operation(summary = "Delete a job and its file")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such job, or another trainer's")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(TrainerId trainer, @PathVariable UUID id) {
        jobs.delete(trainer, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Download the file",
            description = "Redirects to a fresh presigned URL that serves the" + " file as an attachment.")
    @ApiResponse(responseCode = "302", description = "To the presigned URL")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such job, or another trainer's")
    @ApiResponse(responseCode = "409", description = "The job has not succeeded")
    @ApiResponse(responseCode = "410", description = "The file was removed after its retention period")
    @GetMapping("/{id}/download")
    ResponseEntity<Void> download(TrainerId trainer, @PathVariable UUID id, HttpServletRequest client) {
        return redirect.to(jobs.find(trainer, id), Reader.API_CLIENT, recipient(client));
    }

    /** The job as answered to this request: a fresh link in it is recorded as handed to its client. */
    private JobView view(ExportJob job, HttpServletRequest client) {
        return views.of(job, recipient(client));
    }

    /** The trainer, at the address the request came from (as the forwarded-header settings make it). */
    private static LinkRecipient recipient(HttpServletRequest client) {
        return LinkRecipient.trainer(client.getRemoteAddr());
    }
}
