package com.coaching.exports.shared.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV rules of contract section 6, cell by cell, on values as PostgreSQL's binary COPY sends them. */
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
        String[] pieces = {
            "", "a", "Zoë", "日", "😀", " ", "  ", ",", "\"", "\r", "\n", "\r\n", "\t", "#", "!", "$", "=", "+", "-",
            "@", "'", "\u0000", "\u001f", "~", "x y"
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
            assertThat(record(cells)).as("cells %s", cells).isEqualTo(commonsCsv(cells));
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
        assertThat(cells(CellType.ID, PgBinary.int8(9_007_199_254_740_993L))).isEqualTo("9007199254740993");
        assertThat(cells(CellType.ID, PgBinary.int8(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
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
        assertThatThrownBy(() -> cells(CellType.ID, PgBinary.int4(7)))
                .hasMessageContaining("column types do not match");
    }

    @Test
    void every_dataset_has_a_query_and_its_contract_headers() {
        assertThat(String.join(",", Dataset.PAYMENTS.headers()))
                .isEqualTo(
                        "Payment ID,Created At,Paid At,Trainee Name,Trainee Email,Type,Status,Amount,Currency,Description");
        assertThat(String.join(",", Dataset.SUBSCRIBERS.headers()))
                .isEqualTo("Subscription ID,Trainee Name,Trainee Email,Status,Amount,Currency,Current Period Start,"
                        + "Current Period End,Created At,Canceled At");
        assertThat(String.join(",", Dataset.TRAINEES.headers()))
                .isEqualTo("Trainee ID,First Name,Last Name,Email,Active,Joined,Fitness Goal,Activity Level,"
                        + "Active Programs,Last Log Date");
        assertThat(Dataset.values()).allSatisfy(d -> assertThat(d.sql()).contains(":trainerId"));
    }

    @Test
    void parameters_are_written_into_the_copy_statement_as_typed_literals_only() {
        String sql = Dataset.PAYMENTS.inlinedSql(Map.of(
                "trainerId",
                42L,
                "since",
                OffsetDateTime.parse("2026-10-27T09:00:00.123456Z"),
                "until",
                OffsetDateTime.parse("2026-11-26T09:00:00.123456Z")));

        assertThat(sql)
                .contains("p.trainer_id = 42")
                .contains("p.created_at >= '2026-10-27T09:00:00.123456Z'::timestamptz")
                .contains("p.created_at <= '2026-11-26T09:00:00.123456Z'::timestamptz")
                .doesNotContain(":trainerId")
                .doesNotContain(":since")
                .doesNotContain(":until");
        assertThatThrownBy(() -> Dataset.PAYMENTS.inlinedSql(Map.of(
                        "trainerId",
                        "1; drop table users",
                        "since",
                        OffsetDateTime.now(),
                        "until",
                        OffsetDateTime.now())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dataset.PAYMENTS.inlinedSql(Map.of("trainerId", 42L)))
                .hasMessageContaining(":since");
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
        CsvBuffer csv = new CsvBuffer(4);
        csv.emptyCell(); // not first in its record, as in every export
        type.write(value, 0, value.length, csv);
        return drained(csv).substring(1);
    }

    private static String record(List<String> cells) {
        CsvBuffer csv = new CsvBuffer(8);
        for (String cell : cells) {
            if (cell == null) {
                csv.emptyCell();
            } else {
                byte[] text = cell.getBytes(StandardCharsets.UTF_8);
                CellType.TEXT.write(text, 0, text.length, csv);
            }
        }
        csv.endRecord();
        return drained(csv);
    }

    /** The contract's formula guard, then commons-csv. */
    private static String commonsCsv(List<String> cells) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, COMMONS_CSV)) {
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
