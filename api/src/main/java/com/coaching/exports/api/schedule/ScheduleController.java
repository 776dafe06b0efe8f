package com.coaching.exports.api.schedule;

import com.coaching.exports.api.destination.DestinationOwnership;
import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.shared.schedule.ScheduleProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A trainer's exports on a schedule: each firing makes an ordinary job. */
@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "schedules", description = "Exports made on a schedule")
class ScheduleController {

    private final ScheduleService schedules;
    private final Clock clock;
    private final DestinationOwnership ownership;

    ScheduleController(ScheduleService schedules, Clock clock, DestinationOwnership ownership) {
        this.schedules = schedules;
        this.clock = clock;
        this.ownership = ownership;
    }

    @Operation(
            summary = "Make an export on a schedule",
            description = "Each firing of the cron (in timezone) makes an ordinary job of the export request."
                    + " At most " + ScheduleProperties.DEFAULT_MAX_PER_TRAINER + " schedules per trainer (by default).")
    @ApiResponse(
            responseCode = "201",
            description = "The schedule",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            description = "/api/v1/schedules/{id}",
                            required = true,
                            schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "400", description = "A bad field: cron, timezone, export or export.<field>")
    @ApiResponse(responseCode = "409", description = "The trainer already has as many schedules as allowed")
    @ApiResponse(responseCode = "415", description = "A body that is not application/json")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScheduleView> create(TrainerId trainer, @RequestBody ScheduleRequest request) {
        ScheduleRequest.ValidSchedule valid = request.validate(clock);
        ownership.require(trainer, valid.export().options().destination(), "export.destination");
        Schedule schedule = schedules.create(trainer, valid);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/schedules/" + schedule.id()))
                .body(ScheduleView.of(schedule));
    }

    @Operation(summary = "The caller's schedules, oldest first")
    @ApiResponse(responseCode = "200", description = "Every schedule of the caller", useReturnTypeSchema = true)
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ScheduleList list(TrainerId trainer) {
        return new ScheduleList(
                schedules.list(trainer).stream().map(ScheduleView::of).toList());
    }

    @Operation(summary = "One of the caller's schedules")
    @ApiResponse(responseCode = "200", description = "The schedule", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such schedule, or another trainer's")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ScheduleView get(TrainerId trainer, @PathVariable UUID id) {
        return ScheduleView.of(schedules.find(trainer, id));
    }

    @Operation(
            summary = "Pause or resume a schedule",
            description = "A paused schedule does not fire; resumed, it fires next at the first firing after now.")
    @ApiResponse(responseCode = "200", description = "The schedule", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID, or paused is missing")
    @ApiResponse(responseCode = "404", description = "No such schedule, or another trainer's")
    @ApiResponse(responseCode = "415", description = "A body that is not application/json")
    @PatchMapping(
            path = "/{id}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ScheduleView patch(TrainerId trainer, @PathVariable UUID id, @RequestBody SchedulePatch patch) {
        if (patch.paused() == null) {
            throw ApiException.invalid("paused", "is required: true pauses the schedule, false resumes it");
        }
        return ScheduleView.of(schedules.setPaused(trainer, id, patch.paused()));
    }

    @Operation(summary = "Delete a schedule", description = "The jobs it made stay.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such schedule, or another trainer's")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(TrainerId trainer, @PathVariable UUID id) {
        schedules.delete(trainer, id);
        return ResponseEntity.noContent().build();
    }
}
