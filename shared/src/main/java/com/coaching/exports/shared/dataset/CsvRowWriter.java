package com.coaching.exports.shared.dataset;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a dataset's rows as CSV: RFC 4180 quoting, CRLF line ends, one header row. Cells go
 * through commons-csv's {@link CSVFormat#print(Object, Appendable, boolean)} (its quoting rules,
 * without {@link CSVPrinter}'s per-cell lock) into a reused character buffer, handed to the writer
 * in blocks.
 */
public final class CsvRowWriter implements Flushable, Closeable {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final int BLOCK_CHARS = 64 * 1024;

    private final List<Column> columns;
    private final Writer out;
    private final StringBuilder block = new StringBuilder(BLOCK_CHARS + 4096);
    private char[] chars = new char[BLOCK_CHARS + 4096];

    public CsvRowWriter(Dataset dataset, Writer out) throws IOException {
        this.columns = dataset.columns();
        this.out = out;
        try (CSVPrinter header = new CSVPrinter(block, FORMAT)) {
            header.printRecord((Object[]) dataset.headers());
        }
    }

    /** Writes the result set's current row. */
    public void writeRow(ResultSet rs) throws SQLException, IOException {
        for (int i = 0; i < columns.size(); i++) {
            FORMAT.print(columns.get(i).type().read(rs, i + 1), block, i == 0);
        }
        FORMAT.println(block);
        if (block.length() >= BLOCK_CHARS) {
            drain();
        }
    }

    /** Hands what is buffered to the writer, and flushes it. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        drain();
        out.close();
    }

    private void drain() throws IOException {
        int length = block.length();
        if (chars.length < length) {
            chars = new char[length];
        }
        block.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
        block.setLength(0);
    }
}
