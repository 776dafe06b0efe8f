package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportFormat;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.tracing.Traces;
import com.coaching.exports.worker.copy.CopyRows;
import com.coaching.exports.worker.csv.CopyToCsv;
import com.coaching.exports.worker.csv.CsvBuffer;
import com.coaching.exports.worker.storage.ObjectStore;
import com.coaching.exports.worker.storage.ObjectUpload;
import com.coaching.exports.worker.storage.StoreOutage;
import com.coaching.exports.worker.xlsx.CopyToXlsx;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Component;

/**
 * One export: the rows of the job's query, as PostgreSQL's binary COPY sends them → CSV or XLSX
 * bytes (gzipped when asked) → the object store, counted and hashed on the way. Nothing holds more
 * than a few upload parts ({@code exports.storage.parts-in-flight} + 1) and a block of the file; a
 * failure or a stop leaves no object behind.
 */
@Component
class FileExporter {

    private static final int BLOCK_BYTES = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final SnapshotReader reader;
    private final ObjectStore store;
    private final Traces traces;

    FileExporter(SnapshotReader reader, ObjectStore store, Traces traces) {
        this.reader = reader;
        this.store = store;
        this.traces = traces;
    }

    ExportedFile export(ExportJob job, ProgressReporter progress, Consumer<String> uploadStarted, StoreOutage outage)
            throws SQLException, IOException {
        try (ObjectUpload upload =
                store.upload(job.objectKey(), job.fileName(), job.contentType(), uploadStarted, outage)) {
            DigestingOutputStream counted = new DigestingOutputStream(upload);
            OutputStream out =
                    job.compression() == Compression.GZIP ? new GZIPOutputStream(counted, BLOCK_BYTES) : counted;
            long rows = job.options().effectiveFormat() == ExportFormat.XLSX
                    ? writeXlsx(job, progress, out)
                    : writeCsv(job, progress, out);
            if (out instanceof GZIPOutputStream gzip) {
                gzip.finish();
            }
            upload.complete();
            return new ExportedFile(rows, counted.size(), counted.sha256Hex());
        }
    }

    private long writeCsv(ExportJob job, ProgressReporter progress, OutputStream out) throws SQLException, IOException {
        CsvOptions dialect = job.options().effectiveCsv();
        if (dialect.bom()) {
            out.write(UTF8_BOM);
        }
        CsvBuffer block = new CsvBuffer(BLOCK_BYTES + 4096, dialect);
        CopyToCsv csv = new CopyToCsv(job.dataset(), job.options(), block);
        long[] rows = {0};
        copy(job, message -> {
            if (csv.accept(message)) {
                progress.rowsWritten(++rows[0]);
            }
            if (block.length() >= BLOCK_BYTES) {
                block.drainTo(out);
            }
        });
        if (!csv.ended()) {
            throw new IOException("the rows ended without PostgreSQL's end marker");
        }
        block.drainTo(out);
        return rows[0];
    }

    private long writeXlsx(ExportJob job, ProgressReporter progress, OutputStream out)
            throws SQLException, IOException {
        CopyToXlsx xlsx = new CopyToXlsx(job.dataset(), job.options(), out);
        long[] rows = {0};
        copy(job, message -> {
            if (xlsx.accept(message)) {
                progress.rowsWritten(++rows[0]);
            }
        });
        if (!xlsx.ended()) {
            throw new IOException("the rows ended without PostgreSQL's end marker");
        }
        xlsx.finish();
        return rows[0];
    }

    /** The rows as the COPY streams them, in a span: the parts uploaded meanwhile are its children. */
    private void copy(ExportJob job, Rows handler) throws SQLException, IOException {
        try (Traces.OpenSpan span = traces.open("export copy")) {
            reader.copy(CopyRows.copyStatement(job.dataset(), job.queryParameters()), message -> {
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

    /** Takes one message of the COPY's output. */
    @FunctionalInterface
    private interface Rows {
        void accept(byte[] message) throws IOException;
    }
}
