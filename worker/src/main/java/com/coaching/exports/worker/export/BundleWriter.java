package com.coaching.exports.worker.export;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Bundle;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.view.JobParameters;
import com.coaching.exports.worker.WorkerProperties;
import com.coaching.exports.worker.export.FileExporter.Written;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bundle's ZIP, streamed: each dataset's file ({@link Bundle#member}, written by {@link
 * DatasetWriter}) deflated into its entry as its rows arrive, counted and hashed on the way, then
 * {@code manifest.json}. All members are read in one snapshot ({@link SnapshotReader#read}), one COPY
 * after the other; nothing holds more than the deflater's window and a block of a member.
 */
@Component
class BundleWriter {

    private final SnapshotReader reader;
    private final JsonMapper json;
    private final int xlsxDeflateLevel;

    BundleWriter(SnapshotReader reader, JsonMapper json, WorkerProperties properties) {
        this.reader = reader;
        this.json = json;
        this.xlsxDeflateLevel = properties.xlsxDeflateLevel();
    }

    /** Writes the ZIP of {@code job} to {@code out}, which stays open; {@code betweenMembers} runs between two members. */
    Written write(ExportJob job, ProgressReporter progress, OutputStream out, Runnable betweenMembers)
            throws SQLException, IOException {
        List<ManifestFile> files = new ArrayList<>();
        // not closed on a failure, which would write the rest of the ZIP to an upload being given up (the
        // deflater's memory goes with the garbage collector then)
        ZipOutputStream zip = new ZipOutputStream(new StaysOpen(out));
        List<Dataset> datasets = job.datasets();
        long[] rows = {0};
        Instant dataAsOf = reader.read(snapshot -> {
            for (int i = 0; i < datasets.size(); i++) {
                if (i > 0) {
                    betweenMembers.run();
                }
                ExportJob member = Bundle.member(job, datasets.get(i));
                String name = Bundle.memberName(member);
                zip.putNextEntry(entry(job, name));
                DigestingOutputStream file = new DigestingOutputStream(zip);
                long written = DatasetWriter.write(member, snapshot, progress, rows[0], file, xlsxDeflateLevel);
                zip.closeEntry();
                rows[0] += written;
                files.add(new ManifestFile(
                        name,
                        member.dataset().id(),
                        written,
                        file.size(),
                        file.sha256Hex(),
                        List.of(member.dataset().headers())));
            }
        });
        zip.putNextEntry(entry(job, Bundle.MANIFEST));
        zip.write(json.writeValueAsBytes(new Manifest(job.id(), dataAsOf, JobParameters.of(job), List.copyOf(files))));
        zip.closeEntry();
        zip.close(); // ends the ZIP and frees its deflater; the upload stays open
        return new Written(rows[0], dataAsOf);
    }

    private static ZipEntry entry(ExportJob job, String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(job.createdAt().toEpochMilli());
        return entry;
    }

    /** {@code manifest.json}: the job, the snapshot's instant, its parameters, and each member's file. */
    record Manifest(UUID jobId, Instant dataAsOf, JobParameters parameters, List<ManifestFile> files) {}

    /** A member as written: its rows (the header aside), its bytes and their SHA-256, its columns' headers. */
    record ManifestFile(
            String name, String dataset, long rowCount, long sizeBytes, String sha256, List<String> columns) {}

    /** The upload under the ZIP: closing the ZIP leaves it to its own owner. */
    private static final class StaysOpen extends FilterOutputStream {
        StaysOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
