package com.coaching.exports.api.schedule;

import com.coaching.exports.api.export.ExportRequest;
import com.coaching.exports.api.export.ExportRequest.ValidExportRequest;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.FieldProblem;
import com.coaching.exports.shared.schedule.CronSchedule;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/v1/schedules}: an export request, and when to make it. */
public record ScheduleRequest(
        @Schema(description = "required: exactly what POST /api/v1/exports takes") @Nullable
        ExportRequest export,

        @Schema(
                description = "required: a 5-field Unix cron (minute hour day-of-month month day-of-week)",
                example = "0 7 * * MON")
        @Nullable
        String cron,

        @Schema(description = "required: the IANA zone the cron is read in", example = "Europe/Berlin") @Nullable
        String timezone) {

    /** Checks every field, naming each at fault; the export's fields are named {@code export.<field>}. */
    ValidSchedule validate(Clock clock) {
        List<FieldProblem> errors = new ArrayList<>();
        ValidExportRequest valid = null;
        if (export == null) {
            errors.add(new FieldProblem("export", "is required: the export request to make on each firing"));
        } else {
            try {
                valid = export.validate(clock);
            } catch (ApiException e) {
                e.errors().forEach(error -> errors.add(new FieldProblem("export." + error.field(), error.message())));
            }
        }
        ZoneId zone = zone(errors);
        CronSchedule schedule = null;
        if (zone != null) {
            try {
                schedule = CronSchedule.parse(cron, zone);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldProblem(
                        "cron",
                        Objects.requireNonNullElse(e.getMessage(), "must be a 5-field cron such as 0 7 * * MON")));
            }
        } else if (cron == null || cron.isBlank()) {
            errors.add(new FieldProblem("cron", "is required: a 5-field cron such as 0 7 * * MON"));
        }
        if (!errors.isEmpty() || valid == null || schedule == null) {
            throw ApiException.invalid(errors);
        }
        return new ValidSchedule(valid, schedule);
    }

    private @Nullable ZoneId zone(List<FieldProblem> errors) {
        if (timezone == null) {
            errors.add(new FieldProblem("timezone", "is required: an IANA time zone id such as Europe/Berlin or UTC"));
            return null;
        }
        if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
            errors.add(new FieldProblem("timezone", "must be an IANA time zone id such as Europe/Berlin or UTC"));
            return null;
        }
        return ZoneId.of(timezone);
    }

    /** A schedule that passed validation: the normalized export request and its cron in its zone. */
    record ValidSchedule(ValidExportRequest export, CronSchedule cron) {}
}
