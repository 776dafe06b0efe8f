package com.coaching.exports.worker.csv;

import com.coaching.exports.shared.dataset.Column;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.worker.copy.CopyRows;
import com.coaching.exports.worker.copy.TextRows;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns the output of a dataset's binary COPY ({@link CopyRows}) into the dataset's CSV: the header
 * record of the job's columns first, then a record for each row, cells in the job's zone.
 */
public final class CopyToCsv implements TextRows {

    private final CopyRows rows;
    private final CsvBuffer csv;
    private final CsvCells cells;

    /** The default CSV (docs/api.md, "The CSV files"): every column, in UTC. */
    public CopyToCsv(Dataset dataset, CsvBuffer csv) {
        this(dataset, ExportOptions.NONE, csv);
    }

    /** Writes into {@code csv}, starting with the header record of the job's columns. */
    public CopyToCsv(Dataset dataset, ExportOptions options, CsvBuffer csv) {
        this.rows = new CopyRows(dataset, options.columns());
        this.csv = csv;
        this.cells = new CsvCells(csv, options.effectiveZone());
        for (Column column : rows.columns()) {
            cells.header(column.header());
        }
        csv.endRecord();
    }

    /** Takes one message; returns whether it held a row, which is then a record in the buffer. */
    @Override
    public boolean accept(byte[] message) {
        if (!rows.accept(message)) {
            return false;
        }
        for (int i = 0, width = rows.columns().size(); i < width; i++) {
            if (rows.isNull(i)) {
                csv.emptyCell();
            } else {
                cells.write(rows.type(i), message, rows.start(i), rows.length(i));
            }
        }
        csv.endRecord();
        return true;
    }

    @Override
    public boolean ended() {
        return rows.ended();
    }

    @Override
    public int buffered() {
        return csv.length();
    }

    @Override
    public void drainTo(OutputStream out) throws IOException {
        csv.drainTo(out);
    }
}
