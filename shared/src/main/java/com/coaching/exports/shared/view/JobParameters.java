package com.coaching.exports.shared.view;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the job was asked for, beyond the dataset; a field appears only when it applies. */
@Schema(name = "Parameters")
public record JobParameters(
        @Schema(description = "payments only: the window in days back from createdAt", minimum = "1", maximum = "365")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Integer days,

        @Schema(description = "only when the file is compressed", allowableValues = "gzip")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String compression,

        @Schema(description = "only when the request gave it") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        String format,

        @Schema(description = "only when the request gave it: an IANA zone id")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String timezone,

        @Schema(description = "payments only, when the request gave a date range", format = "date")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        LocalDate from,

        @Schema(description = "payments only, when the request gave a date range", format = "date")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        LocalDate to,

        @Schema(description = "only when the request chose columns: their headers, in file order")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        List<String> columns,

        @Schema(description = "only when the request gave CSV options: all three, defaults filled in")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        CsvParameters csv,

        @Schema(description = "only when the request named one: the destination the file is delivered to")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        UUID destination,

        @Schema(description = "payments and subscribers, only when the request gave it: the statuses exported")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        List<String> status,

        @Schema(
                description = "payments, only for a job of a schedule whose window is sinceLastRun: the first"
                        + " instant of its window of created_at (included)",
                format = "date-time")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Instant windowStart,

        @Schema(
                description = "payments, only for a job of a schedule whose window is sinceLastRun: the end of"
                        + " its window of created_at (excluded), a minute before its firing time; the next"
                        + " firing's windowStart",
                format = "date-time")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        Instant windowEnd) {

    public static JobParameters of(ExportJob job) {
        ExportOptions options = job.options();
        return new JobParameters(
                job.days(),
                job.compression() == null ? null : job.compression().id(),
                options.format() == null ? null : options.format().id(),
                options.timezone() == null ? null : options.timezone().getId(),
                options.from(),
                options.to(),
                options.columns(),
                options.csv() == null ? null : CsvParameters.of(options.csv()),
                options.destination(),
                options.status(),
                options.windowStart(),
                options.windowStart() == null ? null : options.windowEnd());
    }

    /** The CSV dialect a job was asked for. */
    public record CsvParameters(
            @Schema(requiredMode = REQUIRED) String delimiter,
            @Schema(requiredMode = REQUIRED) String lineEnding,

            @Schema(requiredMode = REQUIRED) boolean bom) {

        static CsvParameters of(CsvOptions csv) {
            return new CsvParameters(csv.delimiter().text(), csv.lineEnding().name(), csv.bom());
        }
    }
}
