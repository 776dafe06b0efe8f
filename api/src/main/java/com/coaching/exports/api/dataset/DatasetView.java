package com.coaching.exports.api.dataset;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.coaching.exports.shared.dataset.Column;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** A dataset as {@code GET /api/v1/datasets} describes it. */
@Schema(name = "Dataset")
public record DatasetView(
        @Schema(requiredMode = REQUIRED, description = "the value of the request's dataset field")
        String id,

        @Schema(requiredMode = REQUIRED, description = "every column, in contract order: the names columns takes")
        List<DatasetColumn> columns,

        @Schema(requiredMode = REQUIRED, description = "the request fields this dataset takes besides dataset")
        List<DatasetParameter> parameters) {

    static DatasetView of(Dataset dataset) {
        List<DatasetColumn> columns =
                dataset.columns().stream().map(DatasetColumn::of).toList();
        List<DatasetParameter> parameters = new ArrayList<>();
        if (dataset.windowed()) {
            parameters.add(new DatasetParameter(
                    "days",
                    "integer",
                    "the last N days up to the request; not with from/to",
                    null,
                    1,
                    Dataset.MAX_DAYS,
                    String.valueOf(Dataset.DEFAULT_DAYS)));
            parameters.add(new DatasetParameter(
                    "from",
                    "date",
                    "the first calendar day in timezone; with to, instead of days",
                    null,
                    null,
                    null,
                    null));
            parameters.add(new DatasetParameter(
                    "to",
                    "date",
                    "the last calendar day in timezone, included; not after today; at most " + Dataset.MAX_RANGE_DAYS
                            + " days from from",
                    null,
                    null,
                    null,
                    null));
        }
        parameters.add(new DatasetParameter(
                "format", "string", "the kind of file", ExportFormat.ids(), null, null, ExportFormat.CSV.id()));
        parameters.add(new DatasetParameter(
                "timezone", "string", "an IANA zone id: timestamps are written in it", null, null, null, "UTC"));
        parameters.add(new DatasetParameter(
                "columns",
                "array",
                "a subset of the columns, named by header or key, in file order",
                columns.stream().map(DatasetColumn::header).toList(),
                null,
                null,
                null));
        if (!dataset.statuses().isEmpty()) {
            parameters.add(new DatasetParameter(
                    "status",
                    "array",
                    "only the rows of these statuses; default every status",
                    dataset.statuses(),
                    null,
                    null,
                    null));
        }
        parameters.add(new DatasetParameter(
                "csv.delimiter",
                "string",
                "format csv only: between cells",
                CsvOptions.Delimiter.texts(),
                null,
                null,
                CsvOptions.DEFAULT.delimiter().text()));
        parameters.add(new DatasetParameter(
                "csv.lineEnding",
                "string",
                "format csv only: after each record",
                Arrays.stream(CsvOptions.LineEnding.values()).map(Enum::name).toList(),
                null,
                null,
                CsvOptions.DEFAULT.lineEnding().name()));
        parameters.add(new DatasetParameter(
                "csv.bom",
                "boolean",
                "format csv only: a UTF-8 byte order mark first, so Excel reads non-ASCII text right",
                null,
                null,
                null,
                String.valueOf(CsvOptions.DEFAULT.bom())));
        parameters.add(new DatasetParameter(
                "compression",
                "string",
                "compress the file",
                Stream.concat(
                                Stream.of("none"),
                                Arrays.stream(Compression.values()).map(Compression::id))
                        .toList(),
                null,
                null,
                "none"));
        parameters.add(new DatasetParameter(
                "notify", "boolean", "email the link when the export is ready", null, null, null, "false"));
        return new DatasetView(dataset.id(), columns, parameters);
    }

    /** One column: its header and key (the names the request's columns field takes) and the kind of its cells. */
    @Schema(name = "DatasetColumn")
    public record DatasetColumn(
            @Schema(requiredMode = REQUIRED, description = "the CSV and XLSX header")
            String header,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "the header in snake_case: the field name in a JSON Lines file")
            String key,

            @Schema(requiredMode = REQUIRED, description = "how its cells are written")
            String type) {

        static DatasetColumn of(Column column) {
            return new DatasetColumn(
                    column.header(), column.key(), column.type().id());
        }
    }

    /** One request field: its name (csv.* inside the csv object), JSON type and what it accepts. */
    @Schema(name = "DatasetParameter")
    public record DatasetParameter(
            @Schema(requiredMode = REQUIRED) String name,

            @Schema(
                    requiredMode = REQUIRED,
                    allowableValues = {"integer", "string", "date", "boolean", "array"},
                    description = "date: an ISO date string; array: of strings")
            String type,

            @Schema(requiredMode = REQUIRED) String description,

            @Schema(description = "the values it takes (for an array, its items'); only where they are few")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            List<String> values,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            Integer minimum,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            Integer maximum,

            @Schema(description = "the value used when the field is left out, as text")
            @JsonProperty("default")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            String defaultValue) {}
}
