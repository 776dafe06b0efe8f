package com.coaching.exports.shared.dataset;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a dataset's rows as CSV: RFC 4180 quoting, CRLF line ends, one header row. */
public final class CsvRowWriter implements Flushable, Closeable {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final List<Column> columns;
    private final CSVPrinter printer;

    public CsvRowWriter(Dataset dataset, Appendable out) throws IOException {
        this.columns = dataset.columns();
        this.printer = new CSVPrinter(out, FORMAT);
        printer.printRecord((Object[]) dataset.headers());
    }

    /** Writes the result set's current row. */
    public void writeRow(ResultSet rs) throws SQLException, IOException {
        for (int i = 0; i < columns.size(); i++) {
            printer.print(columns.get(i).type().read(rs, i + 1));
        }
        printer.println();
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
