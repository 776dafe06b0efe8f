package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.ExportFormat;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * XLSX end to end, read back with fastexcel-reader (its own parser, none of the writer's classes)
 * and, for what it does not show (the frozen header, the autofilter), the sheet's XML itself.
 */
@WorkerTest
@Import({Jobs.class, Store.class})
class XlsxExportTest {

    private static final ExportOptions XLSX = new ExportOptions(ExportFormat.XLSX, null, null, null, null, null);

    @Autowired
    Jobs jobs;

    @Autowired
    JobTransitions transitions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Store store;

    SourceRows rows;
    long trainer;
    long trainee;

    @BeforeEach
    void aTrainerWithATrainee() {
        rows = new SourceRows(jdbc);
        trainer = rows.trainer("Xena", "Xlsx", "xena@example.com");
        trainee = rows.trainee(trainer, "Zoë", "Ünal", "zoe@example.com", true, Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void cells_are_typed_timestamps_are_in_the_zone_it_names_and_text_is_never_a_formula() throws IOException {
        Instant created =
                Instant.now().minus(Duration.ofDays(1)).with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
        long id = rows.payment(
                trainer, trainee, "-1234.50", "EUR", "refunded", "refund", "=HYPERLINK(\"x\")", created, null);
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        ExportJob job = export(
                Dataset.PAYMENTS, 30, new ExportOptions(ExportFormat.XLSX, berlin, null, null, null, null), null);
        byte[] file = store.file(job);

        assertThat(job.result().fileName()).endsWith(".xlsx");
        assertThat(job.result().contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(store.head(job).contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (ReadableWorkbook workbook = read(file)) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("payments");
            List<Row> read = sheets.get(0).read();
            assertThat(read).hasSize(2);
            assertThat(read.get(0).stream().map(Cell::getText))
                    .containsExactly(
                            "Payment ID",
                            "Created At (Europe/Berlin)",
                            "Paid At (Europe/Berlin)",
                            "Trainee Name",
                            "Trainee Email",
                            "Type",
                            "Status",
                            "Amount",
                            "Currency",
                            "Description");
            Row row = read.get(1);
            assertThat(row.getCell(0).getType()).isEqualTo(CellType.NUMBER);
            assertThat(row.getCell(0).asNumber()).isEqualByComparingTo(BigDecimal.valueOf(id));
            assertThat(row.getCell(1).getType()).isEqualTo(CellType.NUMBER);
            assertThat(row.getCell(1).getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(row.getCell(1).asDate()).isEqualTo(LocalDateTime.ofInstant(created, berlin));
            assertThat(row.getOptionalCell(2).map(Cell::getType).orElse(CellType.EMPTY))
                    .isEqualTo(CellType.EMPTY);
            assertThat(row.getCell(3).getType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(3).asString()).isEqualTo("Zoë Ünal");
            assertThat(row.getCell(7).getType()).isEqualTo(CellType.NUMBER);
            assertThat(row.getCell(7).asNumber()).isEqualByComparingTo("-1234.50");
            assertThat(row.getCell(7).getDataFormatString()).isEqualTo("0.00");
            assertThat(row.getCell(9).getType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(9).asString()).isEqualTo("=HYPERLINK(\"x\")");
            assertThat(row.getCell(9).getFormula()).isNull();
        }
        String sheetXml = entry(file, "xl/worksheets/sheet1.xml");
        assertThat(sheetXml).contains("state=\"frozen\"").contains("<autoFilter ref=\"A1:J1\"");
        assertThat(entry(file, "xl/styles.xml")).contains("<b/>");
    }

    @Test
    void booleans_and_dates_are_typed_too_and_gzip_still_applies() throws IOException {
        rows.dailyLog(trainee, LocalDate.parse("2026-03-01"));

        ExportJob job = export(Dataset.TRAINEES, null, XLSX, Compression.GZIP);

        assertThat(job.result().fileName()).endsWith(".xlsx.gz");
        assertThat(job.result().contentType()).isEqualTo("application/gzip");
        byte[] file = new GZIPInputStream(new ByteArrayInputStream(store.file(job))).readAllBytes();
        try (ReadableWorkbook workbook = read(file)) {
            Row row = workbook.getFirstSheet().read().get(1);
            assertThat(row.getCell(4).getType()).isEqualTo(CellType.BOOLEAN);
            assertThat(row.getCell(4).asBoolean()).isTrue();
            assertThat(row.getCell(5).asDate()).isEqualTo(LocalDateTime.parse("2026-01-02T03:04:05"));
            assertThat(row.getCell(9).getType()).isEqualTo(CellType.NUMBER);
            assertThat(row.getCell(9).getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(row.getCell(9).asDate()).isEqualTo(LocalDateTime.parse("2026-03-01T00:00:00"));
        }
    }

    @Test
    void past_1048576_rows_the_rows_go_on_in_a_second_sheet_with_the_header_again() throws IOException {
        int count = 1_048_577; // 1,048,575 rows fit under the header of the first sheet, two go on
        for (int chunk = 0; chunk < 8; chunk++) { // each insert well within the statement timeout
            rows.manyPayments(trainer, trainee, count / 8, "bulk ");
        }
        rows.manyPayments(trainer, trainee, count - 8 * (count / 8), "bulk ");
        try {
            long started = System.nanoTime();
            ExportJob queued = jobs.queue(
                    trainer,
                    Dataset.PAYMENTS,
                    30,
                    new ExportOptions(ExportFormat.XLSX, null, null, null, List.of("Payment ID"), null));
            await().atMost(Duration.ofMinutes(5))
                    .until(() -> jobs.current(queued.id()).status() == JobStatus.SUCCEEDED);
            ExportJob job = jobs.current(queued.id());
            System.out.printf("xlsx export of %d rows: %d ms%n", count, (System.nanoTime() - started) / 1_000_000);

            assertThat(job.result().rowCount()).isEqualTo(count);
            try (ReadableWorkbook workbook = read(store.file(job))) {
                List<Sheet> sheets = workbook.getSheets().toList();
                assertThat(sheets).extracting(Sheet::getName).containsExactly("payments", "payments (2)");
                long firstRows;
                try (var stream = sheets.get(0).openStream()) {
                    firstRows = stream.count();
                }
                List<Row> second = sheets.get(1).read();
                assertThat(firstRows).isEqualTo(1_048_576);
                assertThat(second).hasSize(3);
                assertThat(second.get(0).getCell(0).getText()).isEqualTo("Payment ID");
                assertThat(second.get(1).getCell(0).getType()).isEqualTo(CellType.NUMBER);
            }
        } finally {
            rows.removePaymentsOf(trainer);
        }
    }

    private ExportJob export(Dataset dataset, Integer days, ExportOptions options, Compression compression) {
        ExportJob job =
                ExportJob.queued(UUID.randomUUID(), trainer, dataset, days, false, compression, options, Instant.now());
        transitions.create(job, null, null);
        jobs.publish(job);
        return jobs.awaitStatus(job.id(), JobStatus.SUCCEEDED);
    }

    private static ReadableWorkbook read(byte[] file) throws IOException {
        return new ReadableWorkbook(new ByteArrayInputStream(file), new ReadingOptions(true, false));
    }

    /** An entry of the file, found through the zip's central directory (as a spreadsheet reads it). */
    private static String entry(byte[] file, String name) throws IOException {
        Path copy = Files.createTempFile("export", ".xlsx");
        Files.write(copy, file);
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            assertThat(entry).as(name).isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            Files.delete(copy);
        }
    }
}
