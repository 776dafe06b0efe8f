package com.coaching.exports.worker.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The workbook's zip, written as a stream to the export's output (which stays open: the caller
 * finishes compression and the upload). Each part is deflated at the level the worker is set to
 * ({@code exports.worker.xlsx-deflate-level}); every entry carries the job's creation time, so the
 * same rows make the same bytes.
 */
final class XlsxZip extends ZipOutputStream {

    /** The deflater's output is written in blocks of this size rather than ZipOutputStream's 512 bytes. */
    private static final int OUTPUT_BYTES = 64 * 1024;

    private final long time;

    XlsxZip(OutputStream out, int deflateLevel, Instant created) {
        super(out, StandardCharsets.UTF_8);
        this.buf = new byte[OUTPUT_BYTES];
        this.time = created.toEpochMilli();
        setLevel(deflateLevel);
    }

    /** Starts the part at {@code path}: what is written next is its content. */
    void startPart(String path) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(time);
        putNextEntry(entry);
    }

    /** A whole part, of text. */
    void part(String path, String xml) throws IOException {
        startPart(path);
        write(xml.getBytes(StandardCharsets.UTF_8));
        closeEntry();
    }

    /** Writes the zip's central directory; the output stays open. */
    @Override
    public void close() throws IOException {
        finish();
    }
}
