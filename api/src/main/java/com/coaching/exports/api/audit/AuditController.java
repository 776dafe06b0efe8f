package com.coaching.exports.api.audit;

import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.FieldProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's audit trail of download links handed out (docs/api.md, "The audit trail"). */
@RestController
@Tag(name = "audit", description = "Who was handed the caller's files")
class AuditController {

    /** The longest range one call answers, both days included. */
    static final int MAX_DAYS = 366;

    private final TrainerAudit audit;

    AuditController(TrainerAudit audit) {
        this.audit = audit;
    }

    @Operation(
            summary = "The caller's download links issued, counted per day",
            description = "A row per UTC day, dataset, job and who was handed the links (trainer, emailed link,"
                    + " webhook link), kept for 90 days whether or not the job still exists.")
    @ApiResponse(responseCode = "200", description = "The counts, oldest day first", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "from or to missing or not a date, from after to, or more than 366 days")
    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditView audit(
            TrainerId trainer,
            @Parameter(
                            description = "the first day, YYYY-MM-DD (UTC)",
                            required = true,
                            schema = @Schema(format = "date"))
                    @RequestParam(required = false)
                    String from,
            @Parameter(
                            description = "the last day, YYYY-MM-DD (UTC), included",
                            required = true,
                            schema = @Schema(format = "date"))
                    @RequestParam(required = false)
                    String to) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate first = date("from", from, problems);
        LocalDate last = date("to", to, problems);
        if (first != null && last != null) {
            if (first.isAfter(last)) {
                problems.add(new FieldProblem("from", "must not be after to"));
            } else if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
                problems.add(new FieldProblem(
                        "to",
                        "must be at most " + (MAX_DAYS - 1) + " days after from: " + MAX_DAYS
                                + " days at most, both included"));
            }
        }
        if (!problems.isEmpty() || first == null || last == null) {
            throw ApiException.invalid(problems);
        }
        return new AuditView(first, last, audit.counts(trainer.value(), first, last));
    }

    private static @Nullable LocalDate date(String field, @Nullable String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required: a date, YYYY-MM-DD"));
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date, YYYY-MM-DD"));
            return null;
        }
    }
}
