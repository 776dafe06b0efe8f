package com.coaching.exports.worker.csv;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.shared.dataset.Column;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns the output of {@code COPY (a dataset's query) TO STDOUT (FORMAT binary)} into the dataset's
 * CSV: the header record first, then a record for each row, with the job's columns in the job's
 * order. It takes the output one CopyData message at a time, as PostgreSQL sends it: one row a
 * message, the file header before the first row, and a last message holding the end marker.
 * Nothing is kept from one message to the next.
 */
public final class CopyToCsv {

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int END_MARKER = -1;
    private static final int NULL = -1;

    private final Dataset dataset;
    private final int fieldCount;
    /** The query's field written as the i-th cell, and its kind. */
    private final int[] positions;

    private final CellType[] types;
    /** Where each field of the current row starts and how long it is ({@code NULL} for a null). */
    private final int[] starts;

    private final int[] lengths;
    private final CsvBuffer csv;
    private final CsvCells cells;
    private boolean headerRead;
    private boolean ended;

    /** Contract section 6's CSV: every column, in UTC. */
    public CopyToCsv(Dataset dataset, CsvBuffer csv) {
        this(dataset, ExportOptions.NONE, csv);
    }

    /** Writes into {@code csv}, starting with the header record of the job's columns. */
    public CopyToCsv(Dataset dataset, ExportOptions options, CsvBuffer csv) {
        this.dataset = dataset;
        this.fieldCount = dataset.columns().size();
        this.positions = dataset.positions(options.columns());
        this.types = Arrays.stream(positions)
                .mapToObj(p -> dataset.columns().get(p).type())
                .toArray(CellType[]::new);
        this.starts = new int[fieldCount];
        this.lengths = new int[fieldCount];
        this.csv = csv;
        this.cells = new CsvCells(csv, options.effectiveZone());
        for (int position : positions) {
            Column column = dataset.columns().get(position);
            cells.header(column.header());
        }
        csv.endRecord();
    }

    /** The statement whose output this reads: the dataset's query for these parameters, in binary. */
    public static String copyStatement(Dataset dataset, Map<String, ?> parameters) {
        return "COPY (" + dataset.inlinedSql(parameters) + "\n) TO STDOUT (FORMAT binary)";
    }

    /** Takes one message; returns whether it held a row, which is then a record in the buffer. */
    public boolean accept(byte[] message) {
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
        for (int i = 0; i < positions.length; i++) {
            int field = positions[i];
            if (lengths[field] == NULL) {
                csv.emptyCell();
            } else {
                cells.write(types[i], message, starts[field], lengths[field]);
            }
        }
        csv.endRecord();
        return true;
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
