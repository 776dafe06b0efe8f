package com.coaching.exports.worker.csv;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.worker.copy.Binary;
import com.coaching.exports.worker.copy.CellText;
import com.coaching.exports.worker.copy.Numeric;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * The CSV rules of docs/api.md ("The CSV files"): how each kind of column becomes a cell. Each reads the value
 * as PostgreSQL's binary COPY format sends it (big-endian, timestamps and dates counted from
 * 2000-01-01) and writes the cell's bytes ({@link CellText}); a {@code null} is an empty cell and never reaches here.
 * Timestamps are written in the job's zone with its offset ({@code Z} where the offset is zero).
 */
final class CsvCells {

    private static final byte FORMULA_GUARD = '\'';
    private static final byte[] TRUE = CellText.ascii("true");
    private static final byte[] FALSE = CellText.ascii("false");

    private final CsvBuffer csv;
    private final CellText text;

    CsvCells(CsvBuffer csv, ZoneId zone) {
        this.csv = csv;
        this.text = new CellText(zone);
    }

    /** Writes the value held in {@code value[at .. at + length)} as one cell of kind {@code type}. */
    void write(CellType type, byte[] value, int at, int length) {
        switch (type) {
            case INTEGER -> {
                Binary.expectLength(length, 8);
                int start = csv.startCell(CellText.MAX_LONG);
                csv.length = CellText.writeLong(csv.bytes, start, Binary.int8(value, at));
            }
            case TEXT -> csv.textCell(length > 0 && isFormulaStart(value[at]) ? FORMULA_GUARD : 0, value, at, length);
            case TIMESTAMP -> {
                Binary.expectLength(length, 8);
                long micros = Binary.int8(value, at);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    csv.plainCell(micros > 0 ? CellText.INFINITY : CellText.MINUS_INFINITY);
                    return;
                }
                int start = csv.startCell(CellText.MAX_TIMESTAMP);
                csv.length = text.writeTimestamp(
                        csv.bytes, start, Math.floorDiv(micros, 1_000_000L) + Binary.PG_EPOCH_SECOND);
            }
            case DATE -> {
                Binary.expectLength(length, 4);
                int days = Binary.int4(value, at);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    csv.plainCell(days > 0 ? CellText.INFINITY : CellText.MINUS_INFINITY);
                    return;
                }
                csv.plainCell(CellText.date(days + Binary.PG_EPOCH_DAY));
            }
            case AMOUNT -> {
                long cents = Numeric.cents(value, at, length);
                int start = csv.startCell(CellText.MAX_CENTS);
                csv.length = CellText.writeCents(csv.bytes, start, cents);
            }
            case BOOLEAN -> {
                Binary.expectLength(length, 1);
                csv.plainCell(value[at] != 0 ? TRUE : FALSE);
            }
        }
    }

    /** A text cell as it is, unguarded: the header's names. */
    void header(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        csv.textCell((byte) 0, bytes, 0, bytes.length);
    }

    /** Spreadsheet formula injection: a text cell starting with one of these is prefixed with {@code '}. */
    static boolean isFormulaStart(byte first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
