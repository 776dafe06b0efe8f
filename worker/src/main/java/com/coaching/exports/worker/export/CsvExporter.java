package com.coaching.exports.worker.export;

import com.coaching.exports.shared.dataset.CsvRowWriter;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.worker.storage.ObjectStore;
import com.coaching.exports.worker.storage.ObjectUpload;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Component;

/**
 * One export: rows from the snapshot → CSV → the object store, counted and hashed on the way.
 * Nothing holds more than one upload part; a failure or a stop leaves no object behind.
 */
@Component
class CsvExporter {

    private static final int WRITER_BUFFER_CHARS = 64 * 1024;

    private final SnapshotReader reader;
    private final ObjectStore store;

    CsvExporter(SnapshotReader reader, ObjectStore store) {
        this.reader = reader;
        this.store = store;
    }

    ExportedFile export(ExportJob job, ProgressReporter progress, Consumer<String> uploadStarted)
            throws SQLException, IOException {
        try (ObjectUpload upload = store.upload(job.objectKey(), job.fileName(), job.contentType(), uploadStarted)) {
            DigestingOutputStream counted = new DigestingOutputStream(upload);
            OutputStream encoded = job.compression() == Compression.GZIP
                    ? new GZIPOutputStream(counted, WRITER_BUFFER_CHARS) : counted;
            Writer text = new BufferedWriter(new OutputStreamWriter(encoded, StandardCharsets.UTF_8), WRITER_BUFFER_CHARS);
            CsvRowWriter csv = new CsvRowWriter(job.dataset(), text);
            long[] rows = {0};
            try {
                reader.read(job.dataset(), job.queryParameters(), row -> {
                    try {
                        csv.writeRow(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    progress.rowsWritten(++rows[0]);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            csv.flush();
            if (encoded instanceof GZIPOutputStream gzip) {
                gzip.finish();
            }
            upload.complete();
            return new ExportedFile(rows[0], counted.size(), counted.sha256Hex());
        }
    }
}
