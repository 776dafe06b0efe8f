package com.coaching.exports.worker.csv;

import com.coaching.exports.shared.job.CsvOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * CSV bytes (UTF-8) being written: cells joined by the delimiter (a comma by default), records ended
 * by the line ending (CRLF by default), text quoted the way commons-csv's {@code CSVFormat.RFC4180}
 * with that delimiter quotes it ({@code QuoteMode.MINIMAL}). Works on bytes:
 * every character the quoting rule looks at is ASCII, and no byte of a multi-byte UTF-8 character is
 * below 0x80, so the rule gives the same answer on the bytes as on the characters.
 */
public final class CsvBuffer {

    private static final byte QUOTE = '"';
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte HASH = '#';
    private static final byte SPACE = ' ';

    private final byte delimiter;
    private final byte[] lineEnding;
    byte[] bytes;
    int length;
    private boolean midRecord;

    /** A buffer of the default CSV: commas and CRLF, no byte order mark. */
    public CsvBuffer(int capacity) {
        this(capacity, CsvOptions.DEFAULT);
    }

    public CsvBuffer(int capacity, CsvOptions options) {
        this.bytes = new byte[capacity];
        this.delimiter = (byte) options.delimiter().character();
        this.lineEnding = options.lineEnding().characters().getBytes(StandardCharsets.US_ASCII);
    }

    /** How many bytes are buffered. */
    public int length() {
        return length;
    }

    /** Writes the buffered bytes to {@code out} and empties the buffer; a record may continue after. */
    public void drainTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        length = 0;
    }

    /** Ends the current record. */
    public void endRecord() {
        ensure(lineEnding.length);
        for (byte b : lineEnding) {
            bytes[length++] = b;
        }
        midRecord = false;
    }

    /** An empty cell: how a {@code null} is written. */
    public void emptyCell() {
        startCell(0);
    }

    /**
     * A text cell: {@code length} bytes of UTF-8 from {@code source}, after {@code prefix} when it is
     * not 0 (the formula guard's {@code '}). Quoted when commons-csv would quote it: when it starts
     * with a character up to {@code #}, contains the delimiter, a quote, CR or LF, or ends with a character
     * up to a space; and when it is empty and first in its record.
     */
    public void textCell(byte prefix, byte[] source, int offset, int length) {
        int cellLength = length + (prefix == 0 ? 0 : 1);
        boolean quoted = cellLength == 0 ? !midRecord : needsQuotes(prefix, source, offset, length);
        int at = startCell(2 * cellLength + 2);
        if (!quoted) {
            if (prefix != 0) {
                bytes[at++] = prefix;
            }
            System.arraycopy(source, offset, bytes, at, length);
            this.length = at + length;
            return;
        }
        bytes[at++] = QUOTE;
        if (prefix != 0) {
            bytes[at++] = prefix;
        }
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = source[i];
            if (b == QUOTE) {
                bytes[at++] = QUOTE;
            }
            bytes[at++] = b;
        }
        bytes[at++] = QUOTE;
        this.length = at;
    }

    /** An ASCII cell that never needs quotes (digits, signs, dates): copied as it is. */
    public void plainCell(byte[] ascii) {
        int at = startCell(ascii.length);
        System.arraycopy(ascii, 0, bytes, at, ascii.length);
        length = at + ascii.length;
    }

    /**
     * Starts a cell of at most {@code maxBytes}: writes the delimiter before it unless it is the first of
     * its record, and returns where its bytes go. The caller sets {@link #length} past them.
     */
    int startCell(int maxBytes) {
        ensure(maxBytes + 1);
        if (midRecord) {
            bytes[length++] = delimiter;
        }
        midRecord = true;
        return length;
    }

    private boolean needsQuotes(byte prefix, byte[] source, int offset, int length) {
        byte first = prefix != 0 ? prefix : source[offset];
        if ((first & 0xFF) <= HASH) {
            return true;
        }
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = source[i];
            if (b == delimiter || b == QUOTE || b == CR || b == LF) {
                return true;
            }
        }
        byte last = length == 0 ? prefix : source[end - 1];
        return (last & 0xFF) <= SPACE;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
