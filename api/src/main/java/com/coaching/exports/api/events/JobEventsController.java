package com.coaching.exports.api.events;

import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.shared.audit.LinkRecipient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A job's live events (server-sent events), instead of polling it. */
@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "exports", description = "A trainer's export jobs")
class JobEventsController {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final JobStreams streams;

    JobEventsController(JobStreams streams) {
        this.streams = streams;
    }

    @Operation(
            summary = "Follow one of the caller's jobs",
            description = "Server-sent events: an event `job` with the job (the JSON of GET /api/v1/exports/{id})"
                    + " at once, then at every change of state and about once a second while rows are written;"
                    + " each event's id is the job's version, which only grows. The stream ends after the event"
                    + " of a job that is no longer QUEUED or RUNNING (and at once, without an event, when"
                    + " Last-Event-ID is that event's id, or the job is deleted). A comment line comes every"
                    + " 15 s. A stream lasts 30 min at most; reconnect with Last-Event-ID.")
    @Parameter(
            name = LAST_EVENT_ID,
            in = ParameterIn.HEADER,
            description = "the id of the last event received: only newer ones are sent",
            schema = @Schema(type = "integer", format = "int64", minimum = "0"))
    @ApiResponse(
            responseCode = "200",
            description = "The job's events, until it ends",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema =
                                    @Schema(
                                            type = "string",
                                            description = "id: <version>\\nevent: job\\ndata: <the job's JSON>\\n\\n,"
                                                    + " and comment lines (: keep-alive)")))
    @ApiResponse(responseCode = "400", description = "The id is not a UUID, or Last-Event-ID is not an event id")
    @ApiResponse(responseCode = "404", description = "No such job, or another trainer's")
    @ApiResponse(responseCode = "406", description = "The Accept header does not allow text/event-stream")
    @ApiResponse(
            responseCode = "429",
            description = "As many streams open as one trainer may have on this instance"
                    + " (exports.events.max-streams-per-trainer)")
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(
            TrainerId trainer,
            @PathVariable UUID id,
            @Parameter(hidden = true) @RequestHeader(name = LAST_EVENT_ID, required = false) @Nullable
                    String lastEventId,
            HttpServletRequest client) {
        return streams.open(
                        trainer.value(), id, LinkRecipient.trainer(client.getRemoteAddr()), lastEventId(lastEventId))
                .emitter();
    }

    private static long lastEventId(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(LAST_EVENT_ID, "must be the id of an event of this stream (an integer)");
    }
}
