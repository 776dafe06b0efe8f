package com.coaching.exports.worker.jsonl;

import com.coaching.exports.shared.dataset.Column;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.worker.copy.Binary;
import com.coaching.exports.worker.copy.CellText;
import com.coaching.exports.worker.copy.CopyRows;
import com.coaching.exports.worker.copy.Numeric;
import com.coaching.exports.worker.copy.TextRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the output of a dataset's binary COPY ({@link CopyRows}) into JSON Lines (docs/api.md, "The
 * JSON Lines files"): one object a row, each line ended by LF, the job's columns in its order under
 * their keys. Written byte by byte from the COPY's values, as the CSV is: integers and amounts are
 * JSON numbers with the stored digits ({@code 12.50}), timestamps strings in the job's zone with its
 * offset, dates strings, booleans {@code true}/{@code false}, text a string as stored (no formula
 * guard: no spreadsheet reads this), a null {@code null}.
 */
public final class CopyToJsonl implements TextRows {

    private static final byte[] NULL = CellText.ascii("null");
    private static final byte[] TRUE = CellText.ascii("true");
    private static final byte[] FALSE = CellText.ascii("false");
    private static final byte[] END_OF_LINE = CellText.ascii("}\n");

    private final CopyRows rows;
    private final JsonlBuffer json;
    private final CellText text;
    /** What stands before each value: an opening brace and the first key, then a comma and each next key. */
    private final byte[][] prefixes;

    /** Writes into a buffer of {@code capacity} bytes to start with. */
    public CopyToJsonl(Dataset dataset, ExportOptions options, int capacity) {
        this.rows = new CopyRows(dataset, options.columns());
        this.json = new JsonlBuffer(capacity);
        this.text = new CellText(options.effectiveZone());
        this.prefixes = prefixes(rows.columns());
    }

    @Override
    public boolean accept(byte[] message) {
        if (!rows.accept(message)) {
            return false;
        }
        for (int i = 0; i < prefixes.length; i++) {
            json.raw(prefixes[i]);
            if (rows.isNull(i)) {
                json.raw(NULL);
            } else {
                value(i, message, rows.start(i), rows.length(i));
            }
        }
        json.raw(END_OF_LINE);
        return true;
    }

    private void value(int column, byte[] value, int at, int length) {
        switch (rows.type(column)) {
            case INTEGER -> {
                Binary.expectLength(length, 8);
                int start = json.reserve(CellText.MAX_LONG);
                json.length = CellText.writeLong(json.bytes, start, Binary.int8(value, at));
            }
            case AMOUNT -> {
                long cents = Numeric.cents(value, at, length);
                int start = json.reserve(CellText.MAX_CENTS);
                json.length = CellText.writeCents(json.bytes, start, cents);
            }
            case TEXT -> json.string(value, at, length);
            case TIMESTAMP -> {
                Binary.expectLength(length, 8);
                long micros = Binary.int8(value, at);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    quoted(micros > 0 ? CellText.INFINITY : CellText.MINUS_INFINITY);
                    return;
                }
                int start = json.reserve(CellText.MAX_TIMESTAMP + 2);
                json.bytes[start] = '"';
                int end = text.writeTimestamp(
                        json.bytes, start + 1, Math.floorDiv(micros, 1_000_000L) + Binary.PG_EPOCH_SECOND);
                json.bytes[end] = '"';
                json.length = end + 1;
            }
            case DATE -> {
                Binary.expectLength(length, 4);
                int days = Binary.int4(value, at);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    quoted(days > 0 ? CellText.INFINITY : CellText.MINUS_INFINITY);
                    return;
                }
                quoted(CellText.date(days + Binary.PG_EPOCH_DAY));
            }
            case BOOLEAN -> {
                Binary.expectLength(length, 1);
                json.raw(value[at] != 0 ? TRUE : FALSE);
            }
        }
    }

    /** ASCII that needs no escaping, as a JSON string. */
    private void quoted(byte[] ascii) {
        json.string(ascii, 0, ascii.length);
    }

    private static byte[][] prefixes(List<Column> columns) {
        byte[][] prefixes = new byte[columns.size()][];
        JsonlBuffer key = new JsonlBuffer(64);
        for (int i = 0; i < prefixes.length; i++) {
            key.length = 0;
            key.raw(new byte[] {(byte) (i == 0 ? '{' : ',')});
            byte[] name = columns.get(i).key().getBytes(StandardCharsets.UTF_8);
            key.string(name, 0, name.length);
            key.raw(new byte[] {':'});
            prefixes[i] = Arrays.copyOf(key.bytes, key.length);
        }
        return prefixes;
    }

    @Override
    public boolean ended() {
        return rows.ended();
    }

    @Override
    public int buffered() {
        return json.length;
    }

    @Override
    public void drainTo(OutputStream out) throws IOException {
        json.drainTo(out);
    }
}
