package com.coaching.exports.worker.copy;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A text file (CSV, JSON Lines) written from the messages of a binary COPY ({@link CopyRows}) into a
 * buffer of bytes, which the exporter drains into the file whenever it holds a block.
 */
public interface TextRows {

    /** Takes one message; returns whether it held a row, which is then written into the buffer. */
    boolean accept(byte[] message);

    /** Whether the end marker came: every row was read. */
    boolean ended();

    /** How many bytes are buffered. */
    int buffered();

    /** Writes the buffered bytes to {@code out} and empties the buffer. */
    void drainTo(OutputStream out) throws IOException;
}
