package com.coaching.exports.worker.copy;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.shared.dataset.Column;
import com.coaching.exports.shared.dataset.CopyQuery;
import com.coaching.exports.shared.dataset.Dataset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the output of {@code COPY (a dataset's query) TO STDOUT (FORMAT binary)} one CopyData
 * message at a time, as PostgreSQL sends it: one row a message, the file header before the first
 * row, and a last message holding the end marker. After a message that held a row, the values of
 * the chosen columns (in the chosen order) are where {@link #start} and {@link #length} say in
 * {@link #message}. Nothing is kept from one row to the next; a file writer (CSV, XLSX) turns the
 * values into cells.
 */
public final class CopyRows {

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int END_MARKER = -1;
    private static final int NULL = -1;

    private final Dataset dataset;
    private final int fieldCount;
    /** The query's field that is the i-th chosen column. */
    private final int[] positions;

    private final List<Column> columns;
    /** Where each field of the current row starts and how long it is ({@code NULL} for a null). */
    private final int[] starts;

    private final int[] lengths;
    private byte[] message = new byte[0];
    private boolean headerRead;
    private boolean ended;

    /** Reads rows of {@code dataset} and hands out the columns named {@code headers} (or keys; {@code null}: all). */
    public CopyRows(Dataset dataset, @Nullable List<String> headers) {
        this.dataset = dataset;
        this.fieldCount = dataset.columns().size();
        this.positions = dataset.positions(headers);
        this.columns =
                Arrays.stream(positions).mapToObj(p -> dataset.columns().get(p)).toList();
        this.starts = new int[fieldCount];
        this.lengths = new int[fieldCount];
    }

    /** The statement whose output this reads: the dataset's query for these parameters, in binary. */
    public static CopyQuery copyQuery(Dataset dataset, Map<String, ?> parameters) {
        CopyQuery query = dataset.copyQuery(parameters);
        return query.withSql("COPY (" + query.sql() + "\n) TO STDOUT (FORMAT binary)");
    }

    /** The chosen columns, in file order. */
    public List<Column> columns() {
        return columns;
    }

    /** Takes one message; returns whether it held a row, whose values are then readable. */
    public boolean accept(byte[] message) {
        this.message = message;
        int at = 0;
        if (!headerRead) {
            at = readFileHeader(message);
            headerRead = true;
            if (at == message.length) {
                return false;
            }
        }
        int fields = Binary.int2(message, at);
        at += 2;
        if (fields == END_MARKER) {
            ended = true;
            return false;
        }
        if (fields != fieldCount) {
            throw new IllegalStateException(
                    "a row of " + fields + " values for the " + fieldCount + " columns of " + dataset.id());
        }
        for (int field = 0; field < fieldCount; field++) {
            int length = Binary.int4(message, at);
            at += 4;
            starts[field] = at;
            lengths[field] = length;
            if (length != NULL) {
                at += length;
            }
        }
        return true;
    }

    /** The message of the current row. */
    public byte[] message() {
        return message;
    }

    /** Whether the {@code column}-th chosen value of the current row is null. */
    public boolean isNull(int column) {
        return lengths[positions[column]] == NULL;
    }

    public int start(int column) {
        return starts[positions[column]];
    }

    public int length(int column) {
        return lengths[positions[column]];
    }

    public CellType type(int column) {
        return columns.get(column).type();
    }

    /** Whether the end marker came: every row was read. */
    public boolean ended() {
        return ended;
    }

    private static int readFileHeader(byte[] message) {
        if (message.length < SIGNATURE.length + 8
                || !Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IllegalStateException("not the output of a binary COPY");
        }
        int flags = Binary.int4(message, SIGNATURE.length);
        if (flags != 0) {
            throw new IllegalStateException("a binary COPY with flags " + Integer.toHexString(flags));
        }
        int extension = Binary.int4(message, SIGNATURE.length + 4);
        return SIGNATURE.length + 8 + extension;
    }
}
