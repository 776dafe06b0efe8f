package com.coaching.exports.worker.jsonl;

import com.coaching.exports.worker.copy.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * JSON Lines bytes (UTF-8, no byte order mark) being written. Strings are escaped as RFC 8259 asks:
 * a quote, a backslash and every control character below U+0020 ({@code \n}, {@code \t}, … or
 * {@code \}{@code u00XX}); everything else is copied as it is. Bytes that are not UTF-8 (an encoded
 * surrogate half, a truncated or overlong sequence) become U+FFFD ({@link Utf8}), so every line is
 * valid JSON.
 */
final class JsonlBuffer {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** The most one byte of text becomes: {@code \}{@code u00XX}. */
    private static final int MAX_ESCAPE = 6;

    byte[] bytes;
    int length;

    JsonlBuffer(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** Writes the buffered bytes to {@code out} and empties the buffer. */
    void drainTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        length = 0;
    }

    /** Makes room for {@code more} bytes and returns where they go; the caller sets {@link #length} past them. */
    int reserve(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
        return length;
    }

    /** Bytes that need no escaping (digits, punctuation, a key prefix made ready before). */
    void raw(byte[] ascii) {
        int at = reserve(ascii.length);
        System.arraycopy(ascii, 0, bytes, at, ascii.length);
        length = at + ascii.length;
    }

    /** A JSON string of the UTF-8 in {@code source[offset .. offset + count)}, quotes included. */
    void string(byte[] source, int offset, int count) {
        int at = reserve(MAX_ESCAPE * count + 2);
        byte[] b = bytes;
        b[at++] = '"';
        int i = offset;
        int end = offset + count;
        while (i < end) {
            byte c = source[i];
            if (c >= 0x20 && c != '"' && c != '\\') {
                b[at++] = c;
                i++;
            } else if (c >= 0) {
                at = escape(b, at, c);
                i++;
            } else {
                int sequence = Utf8.sequenceLength(source, i, end);
                if (sequence > 0) {
                    System.arraycopy(source, i, b, at, sequence);
                    at += sequence;
                    i += sequence;
                } else {
                    at = Utf8.writeReplacement(b, at);
                    i += -sequence;
                }
            }
        }
        b[at++] = '"';
        length = at;
    }

    /** An ASCII quote, backslash or control character, escaped. */
    private static int escape(byte[] b, int at, byte c) {
        b[at++] = '\\';
        switch (c) {
            case '"', '\\' -> b[at++] = c;
            case '\n' -> b[at++] = 'n';
            case '\r' -> b[at++] = 'r';
            case '\t' -> b[at++] = 't';
            case '\b' -> b[at++] = 'b';
            case '\f' -> b[at++] = 'f';
            default -> {
                b[at++] = 'u';
                b[at++] = '0';
                b[at++] = '0';
                b[at++] = HEX[c >> 4];
                b[at++] = HEX[c & 0xF];
            }
        }
        return at;
    }
}
