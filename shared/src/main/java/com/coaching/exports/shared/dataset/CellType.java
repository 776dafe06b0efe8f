package com.coaching.exports.shared.dataset;

/**
 * The kinds of cell a dataset's columns hold (docs/api.md, "The CSV files"). Each names the SQL type its
 * column's query selects, whose binary form the worker reads, and the name clients see in
 * {@code GET /api/v1/datasets}. How a kind becomes bytes in a file belongs to the worker.
 */
public enum CellType {

    /** A whole number ({@code bigint}): ids and counts, never altered. */
    INTEGER("integer", "bigint"),

    /** Free text ({@code text}). */
    TEXT("text", "text"),

    /** A point in time ({@code timestamp with time zone}), written in the job's zone to the second. */
    TIMESTAMP("timestamp", "timestamp with time zone"),

    /** A calendar date ({@code date}). */
    DATE("date", "date"),

    /** Money ({@code numeric}) with two decimals. */
    AMOUNT("amount", "numeric"),

    /** {@code true} or {@code false} ({@code boolean}). */
    BOOLEAN("boolean", "boolean");

    private final String id;
    private final String sqlType;

    CellType(String id, String sqlType) {
        this.id = id;
        this.sqlType = sqlType;
    }

    /** The name clients see: {@code integer}, {@code text}, {@code timestamp}, {@code date}, {@code amount}, {@code boolean}. */
    public String id() {
        return id;
    }

    /**
     * The type the dataset's query must select for this kind of cell, as PostgreSQL's
     * {@code format_type} names it: its binary form is what the worker reads.
     */
    public String sqlType() {
        return sqlType;
    }
}
