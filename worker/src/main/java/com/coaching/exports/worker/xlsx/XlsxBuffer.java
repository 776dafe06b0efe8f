package com.coaching.exports.worker.xlsx;

import com.coaching.exports.worker.copy.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A sheet's XML (UTF-8) being written, in bytes. Text is escaped once, on the way in: {@code <},
 * {@code >} and {@code &} as entities, a carriage return as a character reference, 13 (an XML reader would turn
 * it into a line feed); tabs and line feeds as they are. What XML 1.0 cannot hold is left out: the
 * control characters below U+0020 but those three, U+FFFE and U+FFFF (as fastexcel, the writer
 * before this one, left them out). Bytes that are not UTF-8 become U+FFFD ({@link Utf8}).
 */
final class XlsxBuffer {

    /** What an ASCII character becomes: itself (no entry), nothing, or an entity. */
    private static final byte[][] REPLACEMENTS = {{}, ascii("&lt;"), ascii("&gt;"), ascii("&amp;"), ascii("&#13;")};
    /** For each ASCII character: 0 to copy it, else 1 + its index in {@link #REPLACEMENTS}. */
    private static final byte[] KIND = new byte[128];

    static {
        for (int c = 0; c < ' '; c++) {
            KIND[c] = 1;
        }
        KIND['\t'] = 0;
        KIND['\n'] = 0;
        KIND['<'] = 2;
        KIND['>'] = 3;
        KIND['&'] = 4;
        KIND['\r'] = 5;
    }

    /** The most one byte of text becomes: an entity of five bytes, or U+FFFD's three for one bad byte. */
    static final int MAX_ESCAPE = 5;

    byte[] bytes;
    int length;

    XlsxBuffer(int capacity) {
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

    /** Bytes that need no escaping: markup made ready before. */
    void raw(byte[] markup) {
        int at = reserve(markup.length);
        System.arraycopy(markup, 0, bytes, at, markup.length);
        length = at + markup.length;
    }

    /** The UTF-8 text in {@code source[offset .. offset + count)}, escaped. */
    void text(byte[] source, int offset, int count) {
        int at = reserve(MAX_ESCAPE * count);
        byte[] b = bytes;
        int end = offset + count;
        int i = offset;
        while (i < end) {
            byte c = source[i];
            if (c >= 0) {
                int kind = KIND[c];
                if (kind == 0) {
                    b[at++] = c;
                } else {
                    byte[] replacement = REPLACEMENTS[kind - 1];
                    System.arraycopy(replacement, 0, b, at, replacement.length);
                    at += replacement.length;
                }
                i++;
            } else {
                int sequence = Utf8.sequenceLength(source, i, end);
                if (sequence < 0) {
                    at = Utf8.writeReplacement(b, at);
                    i -= sequence;
                } else {
                    if (!isNonCharacter(source, i, sequence)) {
                        System.arraycopy(source, i, b, at, sequence);
                        at += sequence;
                    }
                    i += sequence;
                }
            }
        }
        length = at;
    }

    /** Whether text starts or ends with white space, which a spreadsheet keeps only when told to. */
    static boolean hasOuterSpace(byte[] source, int offset, int count) {
        return count > 0 && (isSpace(source[offset]) || isSpace(source[offset + count - 1]));
    }

    /** U+FFFE or U+FFFF ({@code EF BF BE}, {@code EF BF BF}): valid UTF-8, but never a character of XML. */
    private static boolean isNonCharacter(byte[] source, int i, int sequence) {
        return sequence == 3
                && source[i] == (byte) 0xEF
                && source[i + 1] == (byte) 0xBF
                && (source[i + 2] & 0xFE) == 0xBE;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
