package com.coaching.exports.shared.dataset;

/** One column of a dataset: its header and the kind of its cells. */
public record Column(String header, CellType type) {

    static Column of(String header, CellType type) {
        return new Column(header, type);
    }
}
