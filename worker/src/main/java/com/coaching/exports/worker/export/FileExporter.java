package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.tracing.Traces;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.storage.ObjectStore;
import com.coaching.exports.worker.storage.ObjectUpload;
import com.coaching.exports.worker.storage.StoreOutage;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Component;

/**
 * One export: the rows of the job's query, as PostgreSQL's binary COPY sends them → CSV, JSON Lines
 * or XLSX bytes ({@link DatasetWriter}; gzipped when asked, or a bundle's ZIP, {@link BundleWriter}) →
 * the object store, counted and hashed on the way. Nothing holds more than a few upload parts
 * ({@code exports.storage.parts-in-flight} + 1) and a block of the file; a failure or a stop leaves
 * no object behind.
 */
@Component
class FileExporter {

    private final SnapshotReader reader;
    private final ObjectStore store;
    private final BundleWriter bundles;
    private final Traces traces;
    private final WorkerProperties properties;

    FileExporter(
            SnapshotReader reader,
            ObjectStore store,
            BundleWriter bundles,
            Traces traces,
            WorkerProperties properties) {
        this.reader = reader;
        this.store = store;
        this.bundles = bundles;
        this.traces = traces;
        this.properties = properties;
    }

    ExportedFile export(ExportJob job, ProgressReporter progress, Consumer<String> uploadStarted, StoreOutage outage)
            throws SQLException, IOException {
        return export(job, progress, uploadStarted, outage, () -> {});
    }

    /** As above; {@code betweenMembers} runs after each member of a bundle but the last (tests wait there). */
    ExportedFile export(
            ExportJob job,
            ProgressReporter progress,
            Consumer<String> uploadStarted,
            StoreOutage outage,
            Runnable betweenMembers)
            throws SQLException, IOException {
        try (ObjectUpload upload =
                store.upload(job.objectKey(), job.fileName(), job.contentType(), uploadStarted, outage)) {
            DigestingOutputStream counted = new DigestingOutputStream(upload);
            Written written;
            // the COPYs in a span (the parts uploaded meanwhile are its children)
            try (Traces.OpenSpan span = traces.open("export copy")) {
                written = job.bundle()
                        ? bundles.write(job, progress, counted, betweenMembers)
                        : writeOne(job, progress, counted);
            }
            upload.complete();
            return new ExportedFile(written.rows(), counted.size(), counted.sha256Hex(), written.dataAsOf());
        }
    }

    private Written writeOne(ExportJob job, ProgressReporter progress, OutputStream counted)
            throws SQLException, IOException {
        OutputStream out = job.compression() == Compression.GZIP
                ? new GZIPOutputStream(counted, DatasetWriter.BLOCK_BYTES)
                : counted;
        long[] rows = {0};
        Instant dataAsOf = reader.read(snapshot ->
                rows[0] = DatasetWriter.write(job, snapshot, progress, 0, out, properties.xlsxDeflateLevel()));
        if (out instanceof GZIPOutputStream gzip) {
            gzip.finish();
        }
        return new Written(rows[0], dataAsOf);
    }

    /** The rows a file got and the instant of the snapshot they were read in. */
    record Written(long rows, Instant dataAsOf) {}
}
