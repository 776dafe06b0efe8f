package com.coaching.exports.shared.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns the output of {@code COPY (a dataset's query) TO STDOUT (FORMAT binary)} into the dataset's
 * CSV: the header record first, then a record for each row. It takes the output one CopyData
 * message at a time, as PostgreSQL sends it: one row a message, the file header before the first
 * row, and a last message holding the end marker. Nothing is kept from one message to the next.
 */
public final class CopyToCsv {

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int END_MARKER = -1;
    private static final int NULL = -1;

    private final Dataset dataset;
    private final CellType[] types;
    private final CsvBuffer csv;
    private boolean headerRead;
    private boolean ended;

    /** Writes into {@code csv}, starting with the dataset's header record. */
    public CopyToCsv(Dataset dataset, CsvBuffer csv) {
        this.dataset = dataset;
        this.types = dataset.columns().stream().map(Column::type).toArray(CellType[]::new);
        this.csv = csv;
        for (String header : dataset.headers()) {
            byte[] text = header.getBytes(StandardCharsets.UTF_8);
            csv.textCell((byte) 0, text, 0, text.length);
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
        int fields = (short) CellType.SHORT.get(message, at);
        at += 2;
        if (fields == END_MARKER) {
            ended = true;
            return false;
        }
        if (fields != types.length) {
            throw new IllegalStateException(
                    "a row of " + fields + " values for the " + types.length + " columns of " + dataset.id());
        }
        for (CellType type : types) {
            int length = (int) CellType.INT.get(message, at);
            at += 4;
            if (length == NULL) {
                csv.emptyCell();
            } else {
                type.write(message, at, length, csv);
                at += length;
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
        int flags = (int) CellType.INT.get(message, SIGNATURE.length);
        if (flags != 0) {
            throw new IllegalStateException("a binary COPY with flags " + Integer.toHexString(flags));
        }
        int extension = (int) CellType.INT.get(message, SIGNATURE.length + 4);
        return SIGNATURE.length + 8 + extension;
    }
}
