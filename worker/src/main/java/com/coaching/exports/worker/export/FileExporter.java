package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.tracing.Traces;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.copy.CopyRows;
import com.coaching.exports.worker.copy.TextRows;
import com.coaching.exports.worker.csv.CopyToCsv;
import com.coaching.exports.worker.csv.CsvBuffer;
import com.coaching.exports.worker.jsonl.CopyToJsonl;
import com.coaching.exports.worker.storage.ObjectStore;
import com.coaching.exports.worker.storage.ObjectUpload;
import com.coaching.exports.worker.storage.StoreOutage;
import com.coaching.exports.worker.xlsx.CopyToXlsx;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Component;

/**
 * One export: the rows of the job's query, as PostgreSQL's binary COPY sends them → CSV, JSON Lines
 * or XLSX bytes (gzipped when asked) → the object store, counted and hashed on the way. Nothing holds more
 * than a few upload parts ({@code exports.storage.parts-in-flight} + 1) and a block of the file; a
 * failure or a stop leaves no object behind.
 */
@Component
class FileExporter {

    private static final int BLOCK_BYTES = 64 * 1024;
    /** A block and room for the row that fills it. */
    private static final int BUFFER_BYTES = BLOCK_BYTES + 4096;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final SnapshotReader reader;
    private final ObjectStore store;
    private final Traces traces;
    private final WorkerProperties properties;

    FileExporter(SnapshotReader reader, ObjectStore store, Traces traces, WorkerProperties properties) {
        this.reader = reader;
        this.store = store;
        this.traces = traces;
        this.properties = properties;
    }

    ExportedFile export(ExportJob job, ProgressReporter progress, Consumer<String> uploadStarted, StoreOutage outage)
            throws SQLException, IOException {
        try (ObjectUpload upload =
                store.upload(job.objectKey(), job.fileName(), job.contentType(), uploadStarted, outage)) {
            DigestingOutputStream counted = new DigestingOutputStream(upload);
            OutputStream out =
                    job.compression() == Compression.GZIP ? new GZIPOutputStream(counted, BLOCK_BYTES) : counted;
            Written written = switch (job.options().effectiveFormat()) {
                case XLSX -> writeXlsx(job, progress, out);
                case JSONL ->
                    writeText(job, progress, out, new CopyToJsonl(job.dataset(), job.options(), BUFFER_BYTES));
                case CSV -> writeCsv(job, progress, out);
            };
            if (out instanceof GZIPOutputStream gzip) {
                gzip.finish();
            }
            upload.complete();
            return new ExportedFile(written.rows(), counted.size(), counted.sha256Hex(), written.dataAsOf());
        }
    }

    private Written writeCsv(ExportJob job, ProgressReporter progress, OutputStream out)
            throws SQLException, IOException {
        CsvOptions dialect = job.options().effectiveCsv();
        if (dialect.bom()) {
            out.write(UTF8_BOM);
        }
        CsvBuffer block = new CsvBuffer(BUFFER_BYTES, dialect);
        return writeText(job, progress, out, new CopyToCsv(job.dataset(), job.options(), block));
    }

    /** A text file: its buffer drained into {@code out} whenever it holds a block. */
    private Written writeText(ExportJob job, ProgressReporter progress, OutputStream out, TextRows text)
            throws SQLException, IOException {
        long[] rows = {0};
        Instant dataAsOf = copy(job, message -> {
            if (text.accept(message)) {
                progress.rowsWritten(++rows[0]);
            }
            if (text.buffered() >= BLOCK_BYTES) {
                text.drainTo(out);
            }
        });
        if (!text.ended()) {
            throw new IOException("the rows ended without PostgreSQL's end marker");
        }
        text.drainTo(out);
        return new Written(rows[0], dataAsOf);
    }

    private Written writeXlsx(ExportJob job, ProgressReporter progress, OutputStream out)
            throws SQLException, IOException {
        CopyToXlsx xlsx =
                new CopyToXlsx(job.dataset(), job.options(), out, properties.xlsxDeflateLevel(), job.createdAt());
        long[] rows = {0};
        Instant dataAsOf = copy(job, message -> {
            if (xlsx.accept(message)) {
                progress.rowsWritten(++rows[0]);
            }
        });
        if (!xlsx.ended()) {
            throw new IOException("the rows ended without PostgreSQL's end marker");
        }
        xlsx.finish();
        return new Written(rows[0], dataAsOf);
    }

    /**
     * Runs the job's COPY in a span (the parts uploaded meanwhile are its children), each message to
     * {@code handler}; returns the instant of its snapshot.
     */
    private Instant copy(ExportJob job, Rows handler) throws SQLException, IOException {
        try (Traces.OpenSpan span = traces.open("export copy")) {
            return reader.copy(CopyRows.copyQuery(job.dataset(), job.queryParameters()), message -> {
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

    /** The rows a file got and the instant of the snapshot they were read in. */
    private record Written(long rows, Instant dataAsOf) {}

    /** Takes one message of the COPY's output. */
    @FunctionalInterface
    private interface Rows {
        void accept(byte[] message) throws IOException;
    }
}
