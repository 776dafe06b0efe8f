package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.worker.copy.CopyRows;
import com.coaching.exports.worker.copy.TextRows;
import com.coaching.exports.worker.csv.CopyToCsv;
import com.coaching.exports.worker.csv.CsvBuffer;
import com.coaching.exports.worker.export.SnapshotReader.Snapshot;
import com.coaching.exports.worker.jsonl.CopyToJsonl;
import com.coaching.exports.worker.xlsx.CopyToXlsx;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;

/**
 * One dataset's file, uncompressed: the rows of its query, as PostgreSQL's binary COPY sends them in
 * a snapshot, → CSV, JSON Lines or XLSX bytes into a stream that stays open (the caller compresses,
 * zips and uploads). Holds a block of the file at most.
 */
final class DatasetWriter {

    static final int BLOCK_BYTES = 64 * 1024;
    /** A block and room for the row that fills it. */
    private static final int BUFFER_BYTES = BLOCK_BYTES + 4096;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private DatasetWriter() {}

    /**
     * Writes the file of {@code job} (one dataset) to {@code out}; the progress counts its rows on from
     * {@code rowsBefore} (a bundle's earlier members). Returns the rows written, the header aside.
     */
    static long write(
            ExportJob job,
            Snapshot snapshot,
            ProgressReporter progress,
            long rowsBefore,
            OutputStream out,
            int xlsxDeflateLevel)
            throws SQLException, IOException {
        Counted counted = new Counted(progress, rowsBefore);
        switch (job.options().effectiveFormat()) {
            case XLSX -> writeXlsx(job, snapshot, counted, out, xlsxDeflateLevel);
            case JSONL ->
                writeText(job, snapshot, counted, out, new CopyToJsonl(job.dataset(), job.options(), BUFFER_BYTES));
            case CSV -> writeCsv(job, snapshot, counted, out);
        }
        return counted.rows;
    }

    private static void writeCsv(ExportJob job, Snapshot snapshot, Counted counted, OutputStream out)
            throws SQLException, IOException {
        CsvOptions dialect = job.options().effectiveCsv();
        if (dialect.bom()) {
            out.write(UTF8_BOM);
        }
        CsvBuffer block = new CsvBuffer(BUFFER_BYTES, dialect);
        writeText(job, snapshot, counted, out, new CopyToCsv(job.dataset(), job.options(), block));
    }

    /** A text file: its buffer drained into {@code out} whenever it holds a block. */
    private static void writeText(ExportJob job, Snapshot snapshot, Counted counted, OutputStream out, TextRows text)
            throws SQLException, IOException {
        copy(job, snapshot, message -> {
            if (text.accept(message)) {
                counted.row();
            }
            if (text.buffered() >= BLOCK_BYTES) {
                text.drainTo(out);
            }
        });
        if (!text.ended()) {
            throw new IOException("the rows ended without PostgreSQL's end marker");
        }
        text.drainTo(out);
    }

    private static void writeXlsx(ExportJob job, Snapshot snapshot, Counted counted, OutputStream out, int deflateLevel)
            throws SQLException, IOException {
        CopyToXlsx xlsx = new CopyToXlsx(job.dataset(), job.options(), out, deflateLevel, job.createdAt());
        copy(job, snapshot, message -> {
            if (xlsx.accept(message)) {
                counted.row();
            }
        });
        if (!xlsx.ended()) {
            throw new IOException("the rows ended without PostgreSQL's end marker");
        }
        xlsx.finish();
    }

    /** Runs the job's COPY in the snapshot, each message to {@code handler}. */
    private static void copy(ExportJob job, Snapshot snapshot, Rows handler) throws SQLException, IOException {
        try {
            snapshot.copy(CopyRows.copyQuery(job.dataset(), job.queryParameters()), message -> {
                try {
                    handler.accept(message);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The rows of this file, reported as the job's rows so far. */
    private static final class Counted {
        private final ProgressReporter progress;
        private final long before;
        private long rows;

        Counted(ProgressReporter progress, long before) {
            this.progress = progress;
            this.before = before;
        }

        void row() {
            progress.rowsWritten(before + ++rows);
        }
    }

    /** Takes one message of the COPY's output. */
    @FunctionalInterface
    private interface Rows {
        void accept(byte[] message) throws IOException;
    }
}
