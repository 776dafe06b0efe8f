package com.coaching.exports.shared.job;

import com.coaching.exports.shared.dataset.Dataset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a job asks of its file beyond the dataset, the {@code days} window and the compression:
 * each field is what the request gave, {@code null} where it gave nothing (then the default holds).
 * Stored with the job as JSON ({@code export_job.options}); a job stored before these existed has
 * none of them, and its file is what it always was.
 *
 * @param format {@code null}: CSV
 * @param timezone the zone timestamps are written in and {@code from}/{@code to} are days of; {@code null}: UTC
 * @param from with {@code to}, the calendar days whose rows a windowed dataset exports, both included
 * @param columns the headers of the columns to write, in that order; {@code null}: all, in contract order
 * @param csv the CSV dialect; {@code null}: the default (commas, CRLF, no byte order mark)
 * @param windowEnd where a {@code days} window ends: a scheduled job's firing time, which its creation
 *     may follow later (the trainer was at the active-job limit); {@code null}: the job's creation. With
 *     {@code windowStart}, the end (excluded) of an incremental window
 * @param destination the trainer's destination the file is delivered to once stored; {@code null}: none
 * @param status the statuses whose rows a dataset with statuses exports; {@code null}: every status
 * @param windowStart with {@code windowEnd}, an incremental schedule's window of {@code created_at}, half-open:
 *     from {@code windowStart} included to {@code windowEnd} excluded, instead of a {@code days} window;
 *     {@code null}: none
 * @param datasets a bundle's datasets, in the ZIP's order (the first is also the job's own dataset);
 *     {@code null}: one dataset, no bundle
 */
public record ExportOptions(
        @Nullable ExportFormat format,
        @Nullable ZoneId timezone,
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        @Nullable List<String> columns,
        @Nullable CsvOptions csv,
        @Nullable Instant windowEnd,
        @Nullable UUID destination,
        @Nullable List<String> status,
        @Nullable Instant windowStart,
        @Nullable List<Dataset> datasets) {

    /** What a request with none of the options asks for. */
    public static final ExportOptions NONE = new ExportOptions(null, null, null, null, null, null);

    /** The default zone, named as clients name it (an XLSX header says {@code Created At (UTC)}, not {@code (Z)}). */
    public static final ZoneId UTC = ZoneId.of("UTC");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ExportOptions {
        columns = columns == null ? null : List.copyOf(columns);
        status = status == null ? null : List.copyOf(status);
        datasets = datasets == null ? null : List.copyOf(datasets);
    }

    /** What a request asks for: its window, if any, ends when the job is created. */
    public ExportOptions(
            @Nullable ExportFormat format,
            @Nullable ZoneId timezone,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable List<String> columns,
            @Nullable CsvOptions csv) {
        this(format, timezone, from, to, columns, csv, null, null, null, null, null);
    }

    /** Options without a destination or a status filter. */
    public ExportOptions(
            @Nullable ExportFormat format,
            @Nullable ZoneId timezone,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable List<String> columns,
            @Nullable CsvOptions csv,
            @Nullable Instant windowEnd) {
        this(format, timezone, from, to, columns, csv, windowEnd, null, null, null, null);
    }

    /** These options, the file delivered to {@code target} ({@code null}: nowhere). */
    public ExportOptions deliveredTo(@Nullable UUID target) {
        return new ExportOptions(
                format, timezone, from, to, columns, csv, windowEnd, target, status, windowStart, datasets);
    }

    /** These options with the {@code days} window ending at {@code end} (a schedule's firing time). */
    public ExportOptions endingAt(Instant end) {
        return new ExportOptions(
                format, timezone, from, to, columns, csv, end, destination, status, windowStart, datasets);
    }

    /**
     * These options with the half-open window [{@code start}, {@code end}) of {@code created_at} (an
     * incremental schedule's firing), which replaces a {@code days} window.
     */
    public ExportOptions between(Instant start, Instant end) {
        return new ExportOptions(format, timezone, from, to, columns, csv, end, destination, status, start, datasets);
    }

    /** These options exporting only the rows of {@code statuses} ({@code null}: every status). */
    public ExportOptions withStatus(@Nullable List<String> statuses) {
        return new ExportOptions(
                format, timezone, from, to, columns, csv, windowEnd, destination, statuses, windowStart, datasets);
    }

    /** These options for a bundle of {@code bundled} ({@code null}: one dataset). */
    public ExportOptions bundling(@Nullable List<Dataset> bundled) {
        return new ExportOptions(
                format, timezone, from, to, columns, csv, windowEnd, destination, status, windowStart, bundled);
    }

    public ExportFormat effectiveFormat() {
        return format == null ? ExportFormat.CSV : format;
    }

    public ZoneId effectiveZone() {
        return timezone == null ? UTC : timezone;
    }

    public CsvOptions effectiveCsv() {
        return csv == null ? CsvOptions.DEFAULT : csv;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The stored form: a JSON object with the given fields only; {@code null} when there are none. */
    public @Nullable String toJson() {
        if (isEmpty()) {
            return null;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        if (format != null) {
            stored.put("format", format.id());
        }
        if (timezone != null) {
            stored.put("timezone", timezone.getId());
        }
        if (from != null) {
            stored.put("from", from.toString());
            stored.put("to", Objects.requireNonNull(to, "from comes with to").toString());
        }
        if (columns != null) {
            stored.put("columns", columns);
        }
        if (csv != null) {
            stored.put(
                    "csv",
                    Map.of(
                            "delimiter", csv.delimiter().text(),
                            "lineEnding", csv.lineEnding().name(),
                            "bom", csv.bom()));
        }
        if (windowEnd != null) {
            stored.put("windowEnd", windowEnd.toString());
        }
        if (destination != null) {
            stored.put("destination", destination.toString());
        }
        if (status != null) {
            stored.put("status", status);
        }
        if (windowStart != null) {
            stored.put("windowStart", windowStart.toString());
        }
        if (datasets != null) {
            stored.put("datasets", datasets.stream().map(Dataset::id).toList());
        }
        return JSON.writeValueAsString(stored);
    }

    /** Reads what {@link #toJson()} stored; {@code null} (a job from before the options) is {@link #NONE}. */
    public static ExportOptions fromJson(@Nullable String stored) {
        if (stored == null) {
            return NONE;
        }
        JsonNode node = JSON.readTree(stored);
        JsonNode csv = node.get("csv");
        return new ExportOptions(
                node.has("format")
                        ? ExportFormat.byId(node.get("format").asString()).orElseThrow()
                        : null,
                node.has("timezone") ? ZoneId.of(node.get("timezone").asString()) : null,
                node.has("from") ? LocalDate.parse(node.get("from").asString()) : null,
                node.has("to") ? LocalDate.parse(node.get("to").asString()) : null,
                texts(node, "columns"),
                csv == null
                        ? null
                        : new CsvOptions(
                                CsvOptions.Delimiter.byText(csv.get("delimiter").asString())
                                        .orElseThrow(),
                                CsvOptions.LineEnding.valueOf(
                                        csv.get("lineEnding").asString()),
                                csv.get("bom").asBoolean()),
                node.has("windowEnd") ? Instant.parse(node.get("windowEnd").asString()) : null,
                node.has("destination")
                        ? UUID.fromString(node.get("destination").asString())
                        : null,
                texts(node, "status"),
                node.has("windowStart") ? Instant.parse(node.get("windowStart").asString()) : null,
                node.has("datasets")
                        ? node.get("datasets")
                                .valueStream()
                                .map(id -> Dataset.byId(id.asString()).orElseThrow())
                                .toList()
                        : null);
    }

    private static @Nullable List<String> texts(JsonNode node, String field) {
        return node.has(field)
                ? node.get(field).valueStream().map(JsonNode::asString).toList()
                : null;
    }
}
