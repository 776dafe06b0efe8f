package com.coaching.exports.shared.dataset;

import java.util.Locale;

/**
 * One column of a dataset: its header, its key and the kind of its cells.
 *
 * @param key the header in snake_case ({@code Payment ID} → {@code payment_id}): a JSON Lines file's
 *     field names; a request's {@code columns} may name a column by either
 */
public record Column(String header, String key, CellType type) {

    static Column of(String header, CellType type) {
        return new Column(header, header.toLowerCase(Locale.ROOT).replace(' ', '_'), type);
    }

    /** Whether {@code name} is this column's header or its key. */
    public boolean isNamed(String name) {
        return header.equals(name) || key.equals(name);
    }
}
