package com.coaching.exports.api.export;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.FieldProblem;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportFormat;
import com.coaching.exports.shared.job.ExportOptions;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/exports} as the client sent it. Dates and zones come as text so
 * that a bad one is named as this request's field rather than as unreadable JSON.
 *
 * <p>Also the {@code export} a schedule answers with: the request as stored, its defaults filled in
 * ({@link #of}), fields that do not apply left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportRequest(
        @Nullable String dataset,
        @Nullable Integer days,
        @JsonProperty("notify") @Nullable Boolean notifyByEmail,
        @Nullable String compression,
        @Nullable String format,
        @Nullable String timezone,
        @Schema(format = "date") @Nullable String from,
        @Schema(format = "date") @Nullable String to,
        @Nullable List<String> columns,
        @Nullable CsvRequest csv,

        @Schema(description = "the id of one of the caller's destinations: the file is delivered there once stored")
        @Nullable
        String destination,

        @Nullable List<String> status) {

    /** The request's {@code csv} object. */
    @Schema(name = "CsvRequest")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CsvRequest(
            @Nullable String delimiter,
            @Nullable String lineEnding,
            @Nullable Boolean bom) {}

    /** The request that {@code valid} is, written out as a client would send it, defaults filled in. */
    public static ExportRequest of(ValidExportRequest valid) {
        ExportOptions options = valid.options();
        CsvOptions dialect = options.csv();
        return new ExportRequest(
                valid.dataset().id(),
                valid.days(),
                valid.notifyByEmail(),
                valid.compression() == null ? "none" : valid.compression().id(),
                options.effectiveFormat().id(),
                options.effectiveZone().getId(),
                options.from() == null ? null : options.from().toString(),
                options.to() == null ? null : options.to().toString(),
                options.columns(),
                dialect == null
                        ? null
                        : new CsvRequest(
                                dialect.delimiter().text(), dialect.lineEnding().name(), dialect.bom()),
                options.destination() == null ? null : options.destination().toString(),
                options.status());
    }

    /**
     * Checks the fields (docs/api.md, "The request") and fills in the defaults; throws naming every
     * field at fault. {@code clock} says what today is, which {@code to} may not pass.
     */
    public ValidExportRequest validate(Clock clock) {
        List<FieldProblem> errors = new ArrayList<>();
        Dataset chosen = null;
        if (dataset == null) {
            errors.add(new FieldProblem("dataset", "is required: one of " + String.join(", ", Dataset.ids())));
        } else {
            chosen = Dataset.byId(dataset).orElse(null);
            if (chosen == null) {
                errors.add(new FieldProblem("dataset", "must be one of " + String.join(", ", Dataset.ids())));
            }
        }
        boolean window = from != null || to != null;
        if (days != null && chosen != null && !chosen.windowed()) {
            errors.add(new FieldProblem("days", "applies to payments only"));
        } else if (days != null && window) {
            errors.add(new FieldProblem("days", "cannot be given with from and to: choose one window"));
        } else if (days != null && (days < 1 || days > Dataset.MAX_DAYS)) {
            errors.add(new FieldProblem("days", "must be between 1 and " + Dataset.MAX_DAYS));
        }
        Compression packed = null;
        if (compression != null && !compression.equals("none")) {
            packed = Compression.byId(compression).orElse(null);
            if (packed == null) {
                errors.add(new FieldProblem("compression", "must be gzip or none"));
            }
        }
        ExportFormat kind = format == null ? null : format(format, errors);
        ZoneId zone = timezone == null ? null : zone(errors);
        LocalDate first = null;
        LocalDate last = null;
        if (window && chosen != null && !chosen.windowed()) {
            errors.add(new FieldProblem(from != null ? "from" : "to", "applies to payments only"));
        } else if (window) {
            first = date("from", from, errors);
            last = date("to", to, errors);
            checkRange(first, last, zone == null && timezone == null ? ZoneOffset.UTC : zone, clock, errors);
        }
        if (columns != null && chosen != null) {
            DatasetChoices.checkColumns(chosen, columns, errors);
        }
        CsvOptions dialect = csv == null ? null : dialect(kind, csv, errors);
        UUID target = destination == null ? null : destination(destination, errors);
        if (status != null && chosen != null) {
            DatasetChoices.checkStatus(chosen, status, errors);
        }
        if (!errors.isEmpty() || chosen == null) {
            throw ApiException.invalid(errors);
        }
        Integer windowDays = chosen.windowed() && first == null ? (days != null ? days : Dataset.DEFAULT_DAYS) : null;
        return new ValidExportRequest(
                chosen,
                windowDays,
                Boolean.TRUE.equals(notifyByEmail),
                packed,
                new ExportOptions(kind, zone, first, last, columns, dialect)
                        .deliveredTo(target)
                        .withStatus(status));
    }

    private static @Nullable UUID destination(String destination, List<FieldProblem> errors) {
        try {
            return UUID.fromString(destination);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldProblem("destination", "must be the id of one of your destinations"));
            return null;
        }
    }

    private static @Nullable ExportFormat format(String format, List<FieldProblem> errors) {
        ExportFormat kind = ExportFormat.byId(format).orElse(null);
        if (kind == null) {
            errors.add(new FieldProblem("format", "must be one of " + String.join(", ", ExportFormat.ids())));
        }
        return kind;
    }

    /** Only IANA region ids (and {@code UTC}): not an offset such as {@code +01:00}, which has no daylight saving. */
    private @Nullable ZoneId zone(List<FieldProblem> errors) {
        if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
            errors.add(new FieldProblem("timezone", "must be an IANA time zone id such as Europe/Berlin or UTC"));
            return null;
        }
        return ZoneId.of(timezone);
    }

    private static @Nullable LocalDate date(String field, @Nullable String text, List<FieldProblem> errors) {
        if (text == null) {
            errors.add(new FieldProblem(field, "is required with " + (field.equals("from") ? "to" : "from")));
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem(field, "must be a date such as 2026-10-01"));
            return null;
        }
    }

    private static void checkRange(
            @Nullable LocalDate first,
            @Nullable LocalDate last,
            @Nullable ZoneId zone,
            Clock clock,
            List<FieldProblem> errors) {
        if (first == null || last == null) {
            return;
        }
        if (first.isAfter(last)) {
            errors.add(new FieldProblem("from", "must not be after to"));
        } else if (ChronoUnit.DAYS.between(first, last) + 1 > Dataset.MAX_RANGE_DAYS) {
            errors.add(new FieldProblem(
                    "to", "must be at most " + Dataset.MAX_RANGE_DAYS + " days from from, both included"));
        }
        if (zone != null) {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            if (last.isAfter(today)) {
                errors.add(new FieldProblem("to", "must not be after today (" + today + " in " + zone.getId() + ")"));
            }
        }
    }

    /** CSV options with a format that is not CSV are refused rather than ignored: they would change nothing. */
    private static @Nullable CsvOptions dialect(
            @Nullable ExportFormat kind, CsvRequest csv, List<FieldProblem> errors) {
        if (kind != null && kind != ExportFormat.CSV) {
            errors.add(new FieldProblem("csv", "applies to format csv only"));
            return null;
        }
        CsvOptions.Delimiter delimiter = CsvOptions.DEFAULT.delimiter();
        if (csv.delimiter() != null) {
            delimiter = CsvOptions.Delimiter.byText(csv.delimiter()).orElse(null);
            if (delimiter == null) {
                errors.add(new FieldProblem("csv.delimiter", "must be one of \",\" \";\" \"\\t\" \"|\""));
            }
        }
        CsvOptions.LineEnding ending = CsvOptions.DEFAULT.lineEnding();
        if (csv.lineEnding() != null) {
            ending = CsvOptions.LineEnding.byName(csv.lineEnding()).orElse(null);
            if (ending == null) {
                errors.add(new FieldProblem("csv.lineEnding", "must be CRLF or LF"));
            }
        }
        boolean bom = csv.bom() != null ? csv.bom() : CsvOptions.DEFAULT.bom();
        return delimiter == null || ending == null ? null : new CsvOptions(delimiter, ending, bom);
    }

    /** A request that passed validation, with its defaults applied. */
    public record ValidExportRequest(
            Dataset dataset,
            @Nullable Integer days,
            boolean notifyByEmail,
            @Nullable Compression compression,
            ExportOptions options) {

        /** What makes two requests the same request, for idempotency keys (unchanged for a request without options). */
        String fingerprint() {
            String plain = dataset.id() + "|" + days + "|" + notifyByEmail + "|"
                    + (compression == null ? "none" : compression.id());
            return options.isEmpty() ? plain : plain + "|" + options.toJson();
        }
    }
}
