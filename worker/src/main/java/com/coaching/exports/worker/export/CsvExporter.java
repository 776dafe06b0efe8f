package com.coaching.exports.worker.export;

import com.coaching.exports.shared.dataset.CsvRowWriter;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.worker.storage.ObjectStore;
import com.coaching.exports.worker.storage.ObjectUpload;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
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
        try (ObjectUpload upload = store.upload(job.objectKey(), job.fileName(), ExportJob.CONTENT_TYPE, uploadStarted)) {
            DigestingOutputStream counted = new DigestingOutputStream(upload);
            Writer text = new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8), WRITER_BUFFER_CHARS);
            CsvRowWriter csv = new CsvRowWriter(job.dataset(), text);
            long[] rows = {0};
            try {
                reader.read(job.dataset(), parameters(job), row -> {
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
            upload.complete();
            return new ExportedFile(rows[0], counted.size(), counted.sha256Hex());
        }
    }

    private static Map<String, Object> parameters(ExportJob job) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("trainerId", job.trainerId());
        if (job.since() != null) {
            parameters.put("since", job.since().atOffset(ZoneOffset.UTC));
        }
        return parameters;
    }
}
