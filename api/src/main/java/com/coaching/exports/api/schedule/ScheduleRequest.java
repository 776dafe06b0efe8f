package com.coaching.exports.api.schedule;

import com.coaching.exports.api.export.ExportRequest;
import com.coaching.exports.api.export.ExportRequest.ValidExportRequest;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.FieldProblem;
import com.coaching.exports.shared.dataset.Dataset;
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
        String timezone,

        @Schema(
                description = "optional, payments only, not with export.from/to: sinceLastRun exports at each"
                        + " firing the payments created since the end of the previous firing's window (the"
                        + " first uses export.days); left out, each firing exports the days before it",
                allowableValues = SINCE_LAST_RUN)
        @Nullable
        String window) {

    /** The one value of {@code window}: each firing exports what was created since the last one's window. */
    static final String SINCE_LAST_RUN = "sinceLastRun";

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
        checkWindow(valid, errors);
        if (!errors.isEmpty() || valid == null || schedule == null) {
            throw ApiException.invalid(errors);
        }
        return new ValidSchedule(valid, schedule, window != null);
    }

    /** {@code window}: its one value, for payments, whose first window is {@code days} (not from/to). */
    private void checkWindow(@Nullable ValidExportRequest export, List<FieldProblem> errors) {
        if (window == null) {
            return;
        }
        if (!window.equals(SINCE_LAST_RUN)) {
            errors.add(new FieldProblem(
                    "window", "must be " + SINCE_LAST_RUN + ", or left out for the days before each firing"));
        } else if (export != null && export.dataset() != Dataset.PAYMENTS) {
            errors.add(new FieldProblem("window", "applies to payments schedules only"));
        } else if (export != null && export.options().from() != null) {
            errors.add(new FieldProblem(
                    "window", "cannot be given with export.from and export.to: its first window is export.days"));
        }
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

    /**
     * A schedule that passed validation: the normalized export request and its cron in its zone;
     * {@code sinceLastRun} when each firing exports what was created since the last one's window.
     */
    record ValidSchedule(ValidExportRequest export, CronSchedule cron, boolean sinceLastRun) {}
}
