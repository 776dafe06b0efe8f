package com.coaching.exports.worker.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportFormat;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.worker.copy.PgBinary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/**
 * The XLSX rules of docs/api.md ("The XLSX files"), on values as PostgreSQL's binary COPY sends them,
 * read back by fastexcel-reader (its own parser, none of the writer's code) and, for what it does not
 * show, the parts' XML: each type, time zones, escaping, sheets, the zip.
 */
class XlsxRulesTest {

    static final Instant CREATED = Instant.parse("2026-11-25T10:15:30.123456Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void a_payment_is_a_row_of_typed_cells_under_a_bold_frozen_header_with_an_autofilter() throws IOException {
        byte[] file = xlsx(Dataset.PAYMENTS, options(BERLIN, null), payment(7, "-1234.50", "Zoë Ünal", "=1+1"));

        List<Row> rows = firstSheet(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).stream().map(Cell::getText))
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
        Row row = rows.get(1);
        assertThat(row.getCell(0).getType()).isEqualTo(CellType.NUMBER);
        assertThat(row.getCell(0).asNumber()).isEqualByComparingTo("7");
        assertThat(row.getCell(1).getType()).isEqualTo(CellType.NUMBER);
        assertThat(row.getCell(1).getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
        assertThat(row.getCell(1).asDate()).isEqualTo(LocalDateTime.parse("2026-11-25T11:15:30"));
        assertThat(row.getOptionalCell(2).map(Cell::getType).orElse(CellType.EMPTY))
                .isEqualTo(CellType.EMPTY);
        assertThat(row.getCell(3).asString()).isEqualTo("Zoë Ünal");
        assertThat(row.getCell(7).getType()).isEqualTo(CellType.NUMBER);
        assertThat(row.getCell(7).getDataFormatString()).isEqualTo("0.00");
        assertThat(row.getCell(7).getRawValue()).isEqualTo("-1234.50");
        assertThat(row.getCell(9).getType()).isEqualTo(CellType.STRING);
        assertThat(row.getCell(9).asString()).isEqualTo("=1+1");
        assertThat(row.getCell(9).getFormula()).isNull();
        String sheet = part(file, "xl/worksheets/sheet1.xml");
        assertThat(sheet)
                .contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
                .contains("<autoFilter ref=\"A1:J1\"/>")
                .contains("<row r=\"1\"><c s=\"1\" t=\"inlineStr\"><is><t>Payment ID</t></is></c>")
                // no cell names its place: an empty one (Paid At) is there too
                .contains("<row r=\"2\"><c><v>7</v></c><c s=\"2\"><v>46351.469097222222</v></c><c/>"
                        + "<c t=\"inlineStr\"><is><t>Zoë Ünal</t></is></c>")
                .contains("<col min=\"2\" max=\"2\" width=\"30\" customWidth=\"1\"/>");
        assertThat(part(file, "xl/styles.xml")).contains("<font><b/>");
    }

    @Test
    void a_timestamp_is_its_local_time_in_the_zone_as_a_day_count_read_back_to_the_second() throws IOException {
        List<String> times = List.of(
                "2026-01-02T03:04:05Z", // 46024.127835648148 in UTC: the value fastexcel wrote, to the last digit it
                // had
                "2026-03-29T00:59:59Z", // the last second before Berlin's clocks go forward
                "2026-03-29T01:00:00Z",
                "2026-10-25T00:30:00Z", // the hour Berlin lives twice
                "2026-10-25T01:30:00Z",
                "1999-12-31T23:59:59Z",
                "2026-06-30T22:00:00Z"); // local midnight: a whole number of days
        for (String time : times) {
            Instant instant = Instant.parse(time);
            byte[] file = xlsx(Dataset.PAYMENTS, options(BERLIN, null), payment(instant, "1.00", "a"));

            Cell created = firstSheet(file).get(1).getCell(1);

            assertThat(created.asDate()).as(time).isEqualTo(LocalDateTime.ofInstant(instant, BERLIN));
        }
        byte[] utc = xlsx(Dataset.PAYMENTS, options(null, null), payment(Instant.parse(times.get(0)), "1.00", "a"));
        assertThat(firstSheet(utc).get(1).getCell(1).getRawValue()).isEqualTo("46024.127835648148");
        byte[] midnight =
                xlsx(Dataset.PAYMENTS, options(BERLIN, null), payment(Instant.parse(times.get(6)), "1.00", "a"));
        assertThat(firstSheet(midnight).get(1).getCell(1).getRawValue()).isEqualTo("46204");
    }

    @Test
    void dates_are_day_counts_and_days_no_spreadsheet_holds_are_text_as_in_the_csv() throws IOException {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("2026-03-01", "46082");
        raw.put("1900-03-01", "61"); // the 1900 date system counts a 29 February 1900
        raw.put("1900-02-28", "59");
        raw.put("1900-01-01", "1");
        for (Map.Entry<String, String> date : raw.entrySet()) {
            Cell cell = firstSheet(xlsx(Dataset.TRAINEES, options(null, null), trainee(LocalDate.parse(date.getKey()))))
                    .get(1)
                    .getCell(9);

            assertThat(cell.getType()).as(date.getKey()).isEqualTo(CellType.NUMBER);
            assertThat(cell.getRawValue()).as(date.getKey()).isEqualTo(date.getValue());
            assertThat(cell.getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(cell.asDate())
                    .as(date.getKey())
                    .isEqualTo(LocalDate.parse(date.getKey()).atStartOfDay());
        }
        Map<LocalDate, String> text = Map.of(
                LocalDate.parse("1899-12-31"), "1899-12-31",
                LocalDate.parse("0001-01-01"), "0001-01-01",
                LocalDate.of(10_000, 1, 1), "+10000-01-01");
        for (Map.Entry<LocalDate, String> date : text.entrySet()) {
            Cell cell = firstSheet(xlsx(Dataset.TRAINEES, options(null, null), trainee(date.getKey())))
                    .get(1)
                    .getCell(9);

            assertThat(cell.getType()).as(date.getValue()).isEqualTo(CellType.STRING);
            assertThat(cell.asString()).isEqualTo(date.getValue());
        }
    }

    @Test
    void booleans_are_booleans_and_infinite_times_are_the_text_infinity() throws IOException {
        byte[] row = PgBinary.row(
                PgBinary.int8(3),
                PgBinary.text("Ana"),
                PgBinary.text(""),
                PgBinary.text("ana@example.com"),
                new byte[] {1},
                PgBinary.int8(Long.MAX_VALUE),
                null,
                null,
                null,
                PgBinary.int4(Integer.MIN_VALUE));

        Row read = firstSheet(xlsx(Dataset.TRAINEES, options(null, null), row)).get(1);

        assertThat(read.getCell(4).getType()).isEqualTo(CellType.BOOLEAN);
        assertThat(read.getCell(4).asBoolean()).isTrue();
        assertThat(read.getCell(5).asString()).isEqualTo("infinity");
        assertThat(read.getCell(9).asString()).isEqualTo("-infinity");
    }

    @Test
    void text_is_escaped_once_and_read_back_unchanged() throws IOException {
        String nasty = "a<b & \"c\" 'd' ]]> &amp; tab\there\nline\r\nwindows 日本語 ✓ 😀 \u007f";

        byte[] file = xlsx(Dataset.PAYMENTS, options(null, null), payment(1, "1.00", "a", nasty));

        assertThat(firstSheet(file).get(1).getCell(9).asString()).isEqualTo(nasty);
        assertThat(part(file, "xl/worksheets/sheet1.xml"))
                .contains("<is><t>a&lt;b &amp; \"c\" 'd' ]]&gt; &amp;amp; tab\there\nline&#13;\nwindows 日本語");
    }

    @Test
    void text_that_starts_or_ends_with_space_keeps_it() throws IOException {
        byte[] file = xlsx(Dataset.PAYMENTS, options(null, null), payment(1, "1.00", " a", "ends with a tab\t"));

        Row row = firstSheet(file).get(1);
        assertThat(row.getCell(3).asString()).isEqualTo(" a");
        assertThat(row.getCell(9).asString()).isEqualTo("ends with a tab\t");
        assertThat(part(file, "xl/worksheets/sheet1.xml")).contains("<t xml:space=\"preserve\"> a</t>");
    }

    @Test
    void characters_xml_cannot_hold_are_left_out_and_bytes_that_are_not_utf8_become_a_replacement_character()
            throws IOException {
        String controls = "a\u0000b\u0001c\u001fd\ufffee\uffff";
        byte[] loneSurrogate = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b'};
        byte[] truncated = {'c', (byte) 0xE2, (byte) 0x9C, 'd'};

        assertThat(description(PgBinary.text(controls))).isEqualTo("abcde");
        assertThat(description(loneSurrogate)).isEqualTo("a\uFFFD\uFFFD\uFFFDb");
        assertThat(description(truncated)).isEqualTo("c\uFFFDd");
    }

    @Test
    void past_the_rows_of_a_sheet_the_rows_go_on_in_a_new_sheet_with_the_header_again() throws IOException {
        byte[][] rows = new byte[5][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = payment(i + 1, "1.00", "a", "row " + (i + 1));
        }

        byte[] file = xlsx(Dataset.PAYMENTS, options(null, List.of("payment_id", "description")), 3, rows);

        try (ReadableWorkbook workbook = read(file)) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("payments", "payments (2)", "payments (3)");
            assertThat(text(sheets.get(0).read())).containsExactly("Payment ID|Description", "1|row 1", "2|row 2");
            assertThat(text(sheets.get(1).read())).containsExactly("Payment ID|Description", "3|row 3", "4|row 4");
            assertThat(text(sheets.get(2).read())).containsExactly("Payment ID|Description", "5|row 5");
        }
        assertThat(part(file, "xl/worksheets/sheet3.xml"))
                .contains("state=\"frozen\"")
                .contains("<autoFilter ref=\"A1:B1\"/>")
                .contains("<row r=\"2\"><c><v>5</v></c>");
        assertThat(part(file, "xl/workbook.xml"))
                .contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"2\" hidden=\"1\">"
                        + "'payments (3)'!$A$1:$B$1</definedName>");
    }

    @Test
    void a_file_without_rows_still_has_its_sheet_and_header() throws IOException {
        CopyToXlsxOutput out = new CopyToXlsxOutput(Dataset.PAYMENTS, options(null, List.of("amount")), 1);
        out.copy.accept(PgBinary.fileHeaderAnd(PgBinary.END));

        byte[] file = out.finish();

        assertThat(text(firstSheet(file))).containsExactly("Amount");
    }

    @Test
    void the_deflate_level_is_the_settings_and_the_same_rows_make_the_same_bytes() throws IOException {
        byte[][] rows = new byte[2_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = payment(i, "12.50", "Zoë Ünal", "the same description every time");
        }

        byte[] stored = xlsx(Dataset.PAYMENTS, options(null, null), 0, CopyToXlsx.MAX_ROWS, rows);
        byte[] fastest = xlsx(Dataset.PAYMENTS, options(null, null), 1, CopyToXlsx.MAX_ROWS, rows);
        byte[] smallest = xlsx(Dataset.PAYMENTS, options(null, null), 9, CopyToXlsx.MAX_ROWS, rows);

        assertThat(fastest).isEqualTo(xlsx(Dataset.PAYMENTS, options(null, null), 1, CopyToXlsx.MAX_ROWS, rows));
        assertThat(stored.length).isGreaterThan(5 * fastest.length);
        assertThat(smallest.length).isLessThan(fastest.length);
        assertThat(firstSheet(stored)).hasSize(2_001);
        assertThat(text(firstSheet(smallest)).get(2_000))
                .isEqualTo(text(firstSheet(fastest)).get(2_000));
    }

    // ---- rows and files

    private static String description(byte[] utf8) throws IOException {
        byte[] file = xlsx(Dataset.PAYMENTS, options(null, null), payment(1, "1.00", "a", utf8));
        return firstSheet(file).get(1).getCell(9).asString();
    }

    static byte[] payment(long id, String amount, String name, String description) {
        return payment(id, CREATED, amount, name, PgBinary.text(description));
    }

    private static byte[] payment(long id, String amount, String name, byte[] description) {
        return payment(id, CREATED, amount, name, description);
    }

    private static byte[] payment(Instant created, String amount, String name) {
        return payment(7, created, amount, name, PgBinary.text("d"));
    }

    static byte[] payment(long id, Instant created, String amount, String name, byte[] description) {
        return PgBinary.row(
                PgBinary.int8(id),
                PgBinary.timestamptz(created),
                null,
                PgBinary.text(name),
                PgBinary.text("zoe@example.com"),
                PgBinary.text("refund"),
                PgBinary.text("refunded"),
                PgBinary.numeric(new BigDecimal(amount)),
                PgBinary.text("EUR"),
                description);
    }

    private static byte[] trainee(LocalDate lastLog) {
        return PgBinary.row(
                PgBinary.int8(3),
                PgBinary.text("Ana"),
                PgBinary.text("Ruiz"),
                PgBinary.text("ana@example.com"),
                new byte[] {0},
                PgBinary.timestamptz(CREATED),
                null,
                null,
                null,
                PgBinary.int4((int)
                        (lastLog.toEpochDay() - LocalDate.parse("2000-01-01").toEpochDay())));
    }

    static ExportOptions options(ZoneId zone, List<String> columns) {
        return new ExportOptions(ExportFormat.XLSX, zone, null, null, columns, null);
    }

    static byte[] xlsx(Dataset dataset, ExportOptions options, byte[]... rows) throws IOException {
        return xlsx(dataset, options, CopyToXlsx.MAX_ROWS, rows);
    }

    static byte[] xlsx(Dataset dataset, ExportOptions options, int maxRowsPerSheet, byte[]... rows) throws IOException {
        return xlsx(dataset, options, 1, maxRowsPerSheet, rows);
    }

    /** The file of these rows, as the exporter writes it: the rows, the end marker, then the end of the file. */
    static byte[] xlsx(Dataset dataset, ExportOptions options, int level, int maxRowsPerSheet, byte[]... rows)
            throws IOException {
        CopyToXlsxOutput out = new CopyToXlsxOutput(dataset, options, level, maxRowsPerSheet);
        for (int i = 0; i < rows.length; i++) {
            assertThat(out.copy.accept(i == 0 ? PgBinary.fileHeaderAnd(rows[i]) : rows[i]))
                    .isTrue();
        }
        assertThat(out.copy.accept(PgBinary.END)).isFalse();
        assertThat(out.copy.ended()).isTrue();
        return out.finish();
    }

    /** A writer and the bytes it wrote. */
    static final class CopyToXlsxOutput {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CopyToXlsx copy;

        CopyToXlsxOutput(Dataset dataset, ExportOptions options, int level) {
            this(dataset, options, level, CopyToXlsx.MAX_ROWS);
        }

        CopyToXlsxOutput(Dataset dataset, ExportOptions options, int level, int maxRowsPerSheet) {
            this.copy = new CopyToXlsx(dataset, options, bytes, level, CREATED, maxRowsPerSheet);
        }

        byte[] finish() throws IOException {
            copy.finish();
            return bytes.toByteArray();
        }
    }

    static ReadableWorkbook read(byte[] file) throws IOException {
        return new ReadableWorkbook(new ByteArrayInputStream(file), new ReadingOptions(true, false));
    }

    private static List<Row> firstSheet(byte[] file) throws IOException {
        try (ReadableWorkbook workbook = read(file)) {
            return workbook.getFirstSheet().read();
        }
    }

    /** Each row's cells' text, joined by {@code |} (a cell the row does not have is empty). */
    private static List<String> text(List<Row> rows) {
        return rows.stream()
                .map(row -> String.join(
                        "|",
                        row.stream()
                                .map(cell -> cell == null ? "" : cell.getText())
                                .toList()))
                .toList();
    }

    /** A part of the package, read from the zip as it was written. */
    static String part(byte[] file, String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no part " + name);
    }
}
