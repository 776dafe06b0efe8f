package com.coaching.exports.api.destination;

import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.ProblemType;
import com.coaching.exports.shared.destination.DeliveryFailure;
import com.coaching.exports.shared.destination.Destination;
import com.coaching.exports.shared.destination.DestinationSettings;
import com.coaching.exports.shared.destination.Destinations;
import com.coaching.exports.shared.destination.Transfers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A trainer's destinations: their own S3 buckets and SFTP servers, where their exports' files are delivered. */
@RestController
@RequestMapping("/api/v1/destinations")
@Tag(name = "destinations", description = "Where the caller's files are delivered besides the service's store")
class DestinationController {

    private static final Logger log = LoggerFactory.getLogger(DestinationController.class);

    private final Destinations destinations;
    private final Transfers transfers;
    private final DestinationSettings settings;
    private final Clock clock;

    DestinationController(Destinations destinations, Transfers transfers, DestinationSettings settings, Clock clock) {
        this.destinations = destinations;
        this.transfers = transfers;
        this.settings = settings;
        this.clock = clock;
    }

    @Operation(summary = "Register a destination", description = "Answers with it, never with its secret.")
    @ApiResponse(
            responseCode = "201",
            description = "The destination",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            description = "/api/v1/destinations/{id}",
                            required = true,
                            schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "400", description = "A field missing or bad, named; a host on a private network")
    @ApiResponse(responseCode = "409", description = "The caller has 10 destinations already")
    @ApiResponse(responseCode = "413", description = "A body over 16 KiB")
    @ApiResponse(responseCode = "415", description = "A body that is not application/json")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DestinationView> create(TrainerId trainer, @RequestBody DestinationRequest request) {
        Destination destination =
                request.validate(transfers.network(), UUID.randomUUID(), trainer.value(), clock.instant());
        if (!destinations.createWithin(settings.maxPerTrainer(), destination)) {
            throw new ApiException(
                    ProblemType.TOO_MANY_DESTINATIONS,
                    "A trainer may have " + settings.maxPerTrainer() + " destinations; delete one first.");
        }
        log.info(
                "destination registered destination={} trainer={} type={}",
                destination.id(),
                trainer,
                destination.type());
        return ResponseEntity.created(URI.create("/api/v1/destinations/" + destination.id()))
                .body(DestinationView.of(destination));
    }

    @Operation(summary = "The caller's destinations", description = "Oldest first; never with their secrets.")
    @ApiResponse(responseCode = "200", description = "The destinations", useReturnTypeSchema = true)
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    DestinationView.Listed list(TrainerId trainer) {
        return new DestinationView.Listed(destinations.list(trainer.value()).stream()
                .map(DestinationView::of)
                .toList());
    }

    @Operation(summary = "One destination")
    @ApiResponse(responseCode = "200", description = "The destination", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such destination, or another trainer's")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    DestinationView get(TrainerId trainer, @PathVariable UUID id) {
        return DestinationView.of(find(trainer, id));
    }

    @Operation(
            summary = "Remove a destination",
            description = "Refused while an export queued or running, a pending delivery or a schedule names it.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such destination, or another trainer's")
    @ApiResponse(responseCode = "409", description = "Something still needs it; the detail says what")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrainerId trainer, @PathVariable UUID id) {
        Optional<String> used = destinations.deleteUnlessUsed(trainer.value(), id);
        if (used.isPresent()) {
            if (used.get().equals(Destinations.NOT_FOUND)) {
                throw notFound(id);
            }
            throw new ApiException(
                    ProblemType.DESTINATION_IN_USE,
                    "The destination cannot be deleted while " + used.get() + "; try again when it is done.");
        }
        log.info("destination deleted destination={} trainer={}", id, trainer);
    }

    @Operation(
            summary = "Write and remove a small probe file",
            description = "ok, or why not (a wrong password or key, a host key that is not the pinned one, …).")
    @ApiResponse(responseCode = "200", description = "What the probe found", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such destination, or another trainer's")
    @PostMapping(path = "/{id}/test", produces = MediaType.APPLICATION_JSON_VALUE)
    DestinationView.Tested test(TrainerId trainer, @PathVariable UUID id) {
        Destination destination = find(trainer, id);
        try {
            transfers.probe(destination);
            log.info("destination tested destination={} trainer={} ok=true", id, trainer);
            return new DestinationView.Tested(true, null);
        } catch (DeliveryFailure e) {
            log.info("destination tested destination={} trainer={} ok=false code={}", id, trainer, e.code());
            return new DestinationView.Tested(false, e.getMessage());
        }
    }

    private Destination find(TrainerId trainer, UUID id) {
        return destinations.find(trainer.value(), id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(ProblemType.NOT_FOUND, "No destination " + id + " was found.");
    }
}
