package com.coaching.exports.bench;

import com.coaching.exports.shared.dataset.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** What the pipeline is measured against: PostgreSQL's own COPY, and the old in-memory export. */
final class Baselines {

    private final DataSource dataSource;

    Baselines(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** COPY (the payments query) TO STDOUT WITH CSV into a sink that discards: rows per second. */
    double copyRowsPerSecond(long trainer, Instant since) throws Exception {
        String query = Dataset.PAYMENTS.inlinedSql(Map.of(
                "trainerId",
                trainer,
                "since",
                since.atOffset(ZoneOffset.UTC),
                "until",
                OffsetDateTime.now(ZoneOffset.UTC),
                "status",
                new String[0]));
        try (Connection connection = dataSource.getConnection()) {
            long started = System.nanoTime();
            long rows = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut(
                            "COPY (" + query + "\n) TO STDOUT WITH (FORMAT csv, HEADER)",
                            OutputStream.nullOutputStream());
            return rows / seconds(started);
        }
    }

    /**
     * The synchronous export this service replaces: the whole result in memory, then the whole
     * file in memory. Returns rows per second and the heap it peaked at.
     */
    Naive naive(long trainer, Instant since) throws Exception {
        System.gc();
        resetHeapPeaks();
        long started = System.nanoTime();
        List<String[]> all = new ArrayList<>();
        int columns = Dataset.PAYMENTS.columns().size();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(Dataset.PAYMENTS
                        .sql()
                        .replace(":trainerId", "?")
                        .replace(":since", "?")
                        .replace(":until", "?")
                        .replace(":status", "'{}'"))) {
            statement.setLong(1, trainer);
            statement.setObject(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            statement.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    all.add(row);
                }
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(file, StandardCharsets.UTF_8)) {
            var csv = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.RFC4180);
            csv.printRecord((Object[]) Dataset.PAYMENTS.headers());
            for (String[] row : all) {
                csv.printRecord((Object[]) row);
            }
            csv.flush();
        }
        double rowsPerSecond = all.size() / seconds(started);
        return new Naive(rowsPerSecond, peakHeapMb(), file.size());
    }

    record Naive(double rowsPerSecond, double peakHeapMb, long bytes) {}

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
