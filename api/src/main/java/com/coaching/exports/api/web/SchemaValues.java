package com.coaching.exports.api.web;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportFormat;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI schemas' allowed values (datasets, formats, CSV dialects, cell types, compression) and
 * the request fields' descriptions, taken from where each is defined rather than written twice.
 */
final class SchemaValues {

    private SchemaValues() {}

    /** Sets the allowed values and the request fields' descriptions on the schemas that have them. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void fill(Map<String, Schema> schemas) {
        Schema job = schemas.get(OpenApiConfiguration.JOB_SCHEMA);
        if (job != null
                && job.getProperties() != null
                && job.getProperties().get("dataset") instanceof Schema dataset) {
            dataset.setEnum(List.copyOf(Dataset.ids()));
        }
        itemsOf(schemas, OpenApiConfiguration.JOB_SCHEMA, "datasets", Dataset.ids());
        enumOf(schemas, "Parameters", "format", ExportFormat.ids());
        enumOf(schemas, "CsvParameters", "delimiter", CsvOptions.Delimiter.texts());
        enumOf(schemas, "CsvParameters", "lineEnding", lineEndings());
        enumOf(schemas, "CsvRequest", "delimiter", CsvOptions.Delimiter.texts());
        enumOf(schemas, "CsvRequest", "lineEnding", lineEndings());
        enumOf(
                schemas,
                "DatasetColumn",
                "type",
                Arrays.stream(CellType.values()).map(CellType::id).toList());
        Schema request = schemas.get("ExportRequest");
        if (request == null || request.getProperties() == null) {
            return;
        }
        Map<String, Schema> fields = request.getProperties();
        enumOf(schemas, "ExportRequest", "format", ExportFormat.ids());
        describe(fields, "format", "default csv; only csv takes csv options");
        describe(
                fields,
                "timezone",
                "an IANA zone id; timestamps are written in it and from/to are its days; default UTC");
        describe(fields, "from", "payments only, with to and instead of days: the first calendar day (in timezone)");
        describe(
                fields,
                "to",
                "payments only: the last calendar day, included; not after today; at most " + Dataset.MAX_RANGE_DAYS
                        + " days from from");
        describe(
                fields,
                "columns",
                "a subset of the dataset's columns (GET /api/v1/datasets), named by header or key, in file order;"
                        + " default all; not with datasets");
        describe(
                fields,
                "status",
                "payments and subscribers only: only the rows of these statuses (GET /api/v1/datasets lists"
                        + " them); default every status. In a bundle, statuses of any of its datasets: each file"
                        + " takes its own dataset's, and one that names none of them has every status");
        describe(fields, "csv", "format csv only; each field optional");
        if (fields.get("dataset") != null) {
            fields.get("dataset").setEnum(List.copyOf(Dataset.ids()));
            fields.get("dataset").setDescription("required, unless datasets is given instead");
        }
        itemsOf(schemas, "ExportRequest", "datasets", Dataset.ids());
        describe(
                fields,
                "datasets",
                "instead of dataset: a bundle, one ZIP (export-<date>.zip) holding a file of each, in this order, and"
                        + " manifest.json, all read in one snapshot; each file is what a single export of its"
                        + " dataset with the other fields makes, never gzipped (the ZIP deflates it)");
        if (fields.get("days") != null) {
            fields.get("days").setMinimum(BigDecimal.ONE);
            fields.get("days").setMaximum(BigDecimal.valueOf(Dataset.MAX_DAYS));
            fields.get("days").setDescription("payments only; default " + Dataset.DEFAULT_DAYS);
        }
        if (fields.get("compression") != null) {
            List<String> allowed = new ArrayList<>(
                    Arrays.stream(Compression.values()).map(Compression::id).toList());
            allowed.add("none");
            fields.get("compression").setEnum(allowed);
            fields.get("compression").setDescription("default none");
        }
        if (fields.get("notify") != null) {
            fields.get("notify").setDescription("email the link when the export is ready; default false");
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void itemsOf(Map<String, Schema> schemas, String schema, String field, List<String> values) {
        Schema owner = schemas.get(schema);
        if (owner != null
                && owner.getProperties() != null
                && owner.getProperties().get(field) instanceof Schema property
                && property.getItems() != null) {
            property.getItems().setEnum(List.copyOf(values));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void enumOf(Map<String, Schema> schemas, String schema, String field, List<String> values) {
        Schema owner = schemas.get(schema);
        if (owner != null
                && owner.getProperties() != null
                && owner.getProperties().get(field) instanceof Schema property) {
            property.setEnum(List.copyOf(values));
        }
    }

    @SuppressWarnings("rawtypes")
    private static void describe(Map<String, Schema> fields, String field, String description) {
        if (fields.get(field) != null) {
            fields.get(field).setDescription(description);
        }
    }

    private static List<String> lineEndings() {
        return Arrays.stream(CsvOptions.LineEnding.values()).map(Enum::name).toList();
    }
}
