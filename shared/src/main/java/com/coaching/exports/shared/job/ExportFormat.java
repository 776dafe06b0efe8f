package com.coaching.exports.shared.job;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kind of file an export writes. */
public enum ExportFormat {
    CSV("csv", ".csv", "text/csv"),
    XLSX("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    /** JSON Lines: one object a row, keyed by the columns' keys. */
    JSONL("jsonl", ".jsonl", "application/x-ndjson");

    private final String id;
    private final String extension;
    private final String contentType;

    ExportFormat(String id, String extension, String contentType) {
        this.id = id;
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The name clients use: {@code csv}, {@code xlsx}, {@code jsonl}. */
    public String id() {
        return id;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ExportFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ExportFormat::id).toList();
    }
}
