package com.coaching.exports.worker.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.worker.copy.PgBinary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV rules of docs/api.md ("The CSV files"), cell by cell, on values as PostgreSQL's binary COPY sends them. */
class CsvRulesTest {

    /** What the files looked like when commons-csv wrote every cell: the rule CsvBuffer keeps. */
    static final CSVFormat COMMONS_CSV =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    @ParameterizedTest
    @ValueSource(strings = {"=SUM(A1:A9)", "+1 555 0100", "-2+3", "@cmd", "\tindent"})
    void text_that_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote(String text) {
        assertThat(cells(CellType.TEXT, text)).isEqualTo("'" + text);
    }

    @Test
    void a_formula_guarded_cell_with_a_carriage_return_is_also_quoted() {
        assertThat(cells(CellType.TEXT, "\rreturn")).isEqualTo("\"'\rreturn\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Anna", "a=b", "'quoted", "Zoë Ünal", "日本語 ✓"})
    void other_text_is_left_as_it_is(String text) {
        assertThat(cells(CellType.TEXT, text)).isEqualTo(text);
    }

    @Test
    void text_is_quoted_exactly_where_commons_csv_quotes_it() throws IOException {
        quotedAsCommonsCsv(CsvOptions.DEFAULT, COMMONS_CSV);
    }

    @ParameterizedTest
    @EnumSource(CsvOptions.Delimiter.class)
    void with_any_delimiter_and_line_ending_text_is_quoted_exactly_where_commons_csv_quotes_it(
            CsvOptions.Delimiter delimiter) throws IOException {
        for (CsvOptions.LineEnding ending : CsvOptions.LineEnding.values()) {
            quotedAsCommonsCsv(
                    new CsvOptions(delimiter, ending, false),
                    CSVFormat.RFC4180
                            .builder()
                            .setDelimiter(delimiter.character())
                            .setRecordSeparator(ending.characters())
                            .get());
        }
    }

    @ParameterizedTest
    @EnumSource(CsvOptions.Delimiter.class)
    void the_formula_guard_holds_whatever_the_delimiter(CsvOptions.Delimiter delimiter) {
        String d = delimiter.text();
        assertThat(record(
                        List.of("=1+1", "x" + d + "=2", "@SUM(A1)", "plain"),
                        new CsvOptions(delimiter, CsvOptions.LineEnding.LF, false)))
                .isEqualTo("'=1+1" + d + "\"x" + d + "=2\"" + d + "'@SUM(A1)" + d + "plain\n");
    }

    private static void quotedAsCommonsCsv(CsvOptions options, CSVFormat format) throws IOException {
        String[] pieces = {
            "", "a", "Zoë", "日", "😀", " ", "  ", ",", ";", "|", "\"", "\r", "\n", "\r\n", "\t", "#", "!", "$", "=",
            "+", "-", "@", "'", "\u0000", "\u001f", "~", "x y"
        };
        Random random = new Random(42);
        for (int record = 0; record < 20_000; record++) {
            List<String> cells = new ArrayList<>();
            for (int cell = 1 + random.nextInt(4); cell > 0; cell--) {
                StringBuilder text = new StringBuilder();
                for (int piece = random.nextInt(5); piece > 0; piece--) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                cells.add(random.nextInt(10) == 0 ? null : text.toString());
            }
            assertThat(record(cells, options)).as("cells %s", cells).isEqualTo(commonsCsv(cells, format));
        }
    }

    @Test
    void lines_end_with_crlf_and_nulls_are_empty_cells() {
        assertThat(record(java.util.Arrays.asList("plain", null, "with,comma", "two\nlines", "")))
                .isEqualTo("plain,,\"with,comma\",\"two\nlines\",\r\n");
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-25T23:15:30.987654+01:00, 2026-11-25T22:15:30Z",
        "2000-01-01T00:00:00Z,             2000-01-01T00:00:00Z",
        "1999-12-31T23:59:59.999999Z,      1999-12-31T23:59:59Z",
        "1969-12-31T23:59:59.5Z,           1969-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z,             0001-01-01T00:00:00Z",
        "2024-02-29T12:00:00Z,             2024-02-29T12:00:00Z",
        "9999-12-31T23:59:59Z,             9999-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z,           +10000-01-01T00:00:00Z"
    })
    void timestamps_are_written_in_utc_to_the_second(String stored, String cell) {
        assertThat(cells(
                        CellType.TIMESTAMP,
                        PgBinary.timestamptz(OffsetDateTime.parse(stored).toInstant())))
                .isEqualTo(cell);
    }

    @Test
    void endless_timestamps_and_dates_are_written_as_postgresql_writes_them() {
        assertThat(cells(CellType.TIMESTAMP, PgBinary.int8(Long.MAX_VALUE))).isEqualTo("infinity");
        assertThat(cells(CellType.TIMESTAMP, PgBinary.int8(Long.MIN_VALUE))).isEqualTo("-infinity");
        assertThat(cells(CellType.DATE, PgBinary.int4(Integer.MAX_VALUE))).isEqualTo("infinity");
    }

    @Test
    void dates_ids_and_booleans_are_written_plainly() {
        assertThat(cells(CellType.DATE, PgBinary.int4(-1))).isEqualTo("1999-12-31");
        assertThat(cells(CellType.DATE, PgBinary.int4(9_825))).isEqualTo("2026-11-25");
        assertThat(cells(CellType.INTEGER, PgBinary.int8(9_007_199_254_740_993L)))
                .isEqualTo("9007199254740993");
        assertThat(cells(CellType.INTEGER, PgBinary.int8(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertThat(cells(CellType.BOOLEAN, new byte[] {1})).isEqualTo("true");
        assertThat(cells(CellType.BOOLEAN, new byte[] {0})).isEqualTo("false");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0.00",
        "49, 49.00",
        "-10, -10.00",
        "-0.5, -0.50",
        "1234.5, 1234.50",
        "10000, 10000.00",
        "0.01, 0.01",
        "99999999.99, 99999999.99",
        "-12345678.9, -12345678.90",
        "100000000.10, 100000000.10"
    })
    void amounts_have_two_decimals_and_a_dot(String stored, String cell) {
        assertThat(cells(CellType.AMOUNT, PgBinary.numeric(new java.math.BigDecimal(stored))))
                .isEqualTo(cell);
    }

    @Test
    void an_amount_that_would_lose_a_digit_fails_the_export_rather_than_round() {
        assertThatThrownBy(() -> cells(CellType.AMOUNT, PgBinary.numeric(new java.math.BigDecimal("1.005"))))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void a_value_of_the_wrong_binary_type_fails_loudly() {
        assertThatThrownBy(() -> cells(CellType.INTEGER, PgBinary.int4(7)))
                .hasMessageContaining("column types do not match");
    }

    @Test
    void a_binary_copy_becomes_the_header_then_one_record_per_row() {
        CsvBuffer csv = new CsvBuffer(16);
        CopyToCsv copy = new CopyToCsv(Dataset.PAYMENTS, csv);
        Instant created = Instant.parse("2026-11-25T10:15:30Z");

        assertThat(copy.accept(PgBinary.fileHeaderAnd(PgBinary.row(
                        PgBinary.int8(7),
                        PgBinary.timestamptz(created),
                        null,
                        PgBinary.text("Zoë O'Brien, Jr."),
                        PgBinary.text("zoe@example.com"),
                        PgBinary.text("refund"),
                        PgBinary.text("refunded"),
                        PgBinary.numeric(new java.math.BigDecimal("-10.00")),
                        PgBinary.text("EUR"),
                        PgBinary.text("=1+1")))))
                .isTrue();
        assertThat(copy.accept(PgBinary.END)).isFalse();

        assertThat(copy.ended()).isTrue();
        assertThat(drained(csv))
                .isEqualTo(
                        String.join(",", Dataset.PAYMENTS.headers()) + "\r\n"
                                + "7,2026-11-25T10:15:30Z,,\"Zoë O'Brien, Jr.\",zoe@example.com,refund,refunded,-10.00,EUR,'=1+1\r\n");
    }

    @ParameterizedTest
    @CsvSource({
        // Berlin: CET in winter, CEST in summer, and both sides of the autumn change (02:00-03:00 twice)
        "Europe/Berlin,    2026-11-25T10:15:30Z, 2026-11-25T11:15:30+01:00",
        "Europe/Berlin,    2026-07-01T10:15:30Z, 2026-07-01T12:15:30+02:00",
        "Europe/Berlin,    2026-10-25T00:59:59Z, 2026-10-25T02:59:59+02:00",
        "Europe/Berlin,    2026-10-25T01:00:00Z, 2026-10-25T02:00:00+01:00",
        "Asia/Kolkata,     2026-11-25T18:29:59Z, 2026-11-25T23:59:59+05:30",
        "Asia/Kolkata,     2026-11-25T18:30:00Z, 2026-11-26T00:00:00+05:30",
        "Australia/Adelaide, 2026-11-25T13:30:00Z, 2026-11-26T00:00:00+10:30",
        "America/New_York, 1969-12-31T23:59:59.5Z, 1969-12-31T18:59:59-05:00",
        "Etc/UTC,          2026-11-25T10:15:30Z, 2026-11-25T10:15:30Z",
        "Europe/Berlin,    +10000-01-01T00:00:00Z, +10000-01-01T01:00:00+01:00"
    })
    void timestamps_are_written_in_the_jobs_zone_with_its_offset(String zone, String stored, String cell) {
        assertThat(cells(
                        CellType.TIMESTAMP,
                        PgBinary.timestamptz(OffsetDateTime.parse(stored).toInstant()),
                        ZoneId.of(zone)))
                .isEqualTo(cell);
    }

    @Test
    void timestamps_on_both_sides_of_a_change_of_offset_in_one_file_each_get_their_own() {
        CsvBuffer csv = new CsvBuffer(16);
        CsvCells cells = new CsvCells(csv, ZoneId.of("Europe/Berlin"));
        for (String stored : List.of(
                "2026-10-25T01:00:00Z",
                "2026-10-25T00:59:59Z",
                "2026-03-29T00:59:59Z",
                "2026-03-29T01:00:00Z",
                "2026-10-25T01:00:00Z")) {
            byte[] value = PgBinary.timestamptz(Instant.parse(stored));
            cells.write(CellType.TIMESTAMP, value, 0, value.length);
        }
        csv.endRecord();

        assertThat(drained(csv))
                .isEqualTo("2026-10-25T02:00:00+01:00,2026-10-25T02:59:59+02:00,2026-03-29T01:59:59+01:00,"
                        + "2026-03-29T03:00:00+02:00,2026-10-25T02:00:00+01:00\r\n");
    }

    @Test
    void the_chosen_columns_are_written_in_the_order_asked_for() {
        CsvBuffer csv =
                new CsvBuffer(16, new CsvOptions(CsvOptions.Delimiter.SEMICOLON, CsvOptions.LineEnding.LF, true));
        CopyToCsv copy = new CopyToCsv(
                Dataset.PAYMENTS,
                new ExportOptions(
                        null,
                        ZoneId.of("Asia/Kolkata"),
                        null,
                        null,
                        List.of("Amount", "Created At", "Payment ID"),
                        null),
                csv);

        copy.accept(PgBinary.fileHeaderAnd(PgBinary.row(
                PgBinary.int8(7),
                PgBinary.timestamptz(Instant.parse("2026-11-25T18:30:00Z")),
                null,
                PgBinary.text("Zoë"),
                PgBinary.text("zoe@example.com"),
                PgBinary.text("refund"),
                PgBinary.text("refunded"),
                PgBinary.numeric(new java.math.BigDecimal("-10.00")),
                PgBinary.text("EUR"),
                PgBinary.text("a;b"))));

        assertThat(drained(csv)).isEqualTo("Amount;Created At;Payment ID\n-10.00;2026-11-26T00:00:00+05:30;7\n");
    }

    @Test
    void a_row_with_a_value_too_many_or_too_few_is_refused() {
        CopyToCsv copy = new CopyToCsv(Dataset.TRAINEES, new CsvBuffer(16));

        assertThatThrownBy(() -> copy.accept(PgBinary.fileHeaderAnd(PgBinary.row(PgBinary.int8(1)))))
                .hasMessageContaining("a row of 1 values for the 10 columns of trainees");
    }

    private static String cells(CellType type, String text) {
        return cells(type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String cells(CellType type, byte[] value) {
        return cells(type, value, ZoneOffset.UTC);
    }

    private static String cells(CellType type, byte[] value, ZoneId zone) {
        CsvBuffer csv = new CsvBuffer(4);
        csv.emptyCell(); // not first in its record, as in every export
        new CsvCells(csv, zone).write(type, value, 0, value.length);
        return drained(csv).substring(1);
    }

    private static String record(List<String> cells) {
        return record(cells, CsvOptions.DEFAULT);
    }

    private static String record(List<String> cells, CsvOptions options) {
        CsvBuffer csv = new CsvBuffer(8, options);
        CsvCells writer = new CsvCells(csv, ZoneOffset.UTC);
        for (String cell : cells) {
            if (cell == null) {
                csv.emptyCell();
            } else {
                byte[] text = cell.getBytes(StandardCharsets.UTF_8);
                writer.write(CellType.TEXT, text, 0, text.length);
            }
        }
        csv.endRecord();
        return drained(csv);
    }

    /** The contract's formula guard, then commons-csv. */
    private static String commonsCsv(List<String> cells) throws IOException {
        return commonsCsv(cells, COMMONS_CSV);
    }

    private static String commonsCsv(List<String> cells, CSVFormat format) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(cells.stream()
                    .map(cell -> cell == null || cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0
                            ? cell
                            : "'" + cell)
                    .toArray());
        }
        return out.toString();
    }

    private static String drained(CsvBuffer csv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            csv.drainTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
