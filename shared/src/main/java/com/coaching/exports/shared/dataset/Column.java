package com.coaching.exports.shared.dataset;

/** One CSV column: its header and how its cells are made. */
public record Column(String header, CellType type) {

    static Column of(String header, CellType type) {
        return new Column(header, type);
    }
}
