package com.coaching.exports.shared.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"=SUM(A1:A9)", "+1 555 0100", "-2+3", "@cmd", "\tindent", "\rreturn"})
    void text_that_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote(String text) {
        assertThat(CellType.text(text)).isEqualTo("'" + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Anna", "a=b", " =leading space", "'quoted", ""})
    void other_text_is_left_as_it_is(String text) {
        assertThat(CellType.text(text)).isEqualTo(text);
    }

    @Test
    void timestamps_are_written_in_utc_to_the_second() {
        OffsetDateTime berlinEvening = OffsetDateTime.parse("2026-11-25T23:15:30.987654+01:00");

        assertThat(CellType.timestamp(berlinEvening)).isEqualTo("2026-11-25T22:15:30Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-02-28T09:05:03Z", "9999-12-31T23:59:59Z"})
    void timestamps_keep_every_digit_at_the_edges_of_the_calendar(String utc) {
        assertThat(CellType.timestamp(OffsetDateTime.parse(utc))).isEqualTo(utc);
    }

    @Test
    void every_dataset_has_a_query_and_its_contract_headers() {
        assertThat(String.join(",", Dataset.PAYMENTS.headers())).isEqualTo(
                "Payment ID,Created At,Paid At,Trainee Name,Trainee Email,Type,Status,Amount,Currency,Description");
        assertThat(String.join(",", Dataset.SUBSCRIBERS.headers())).isEqualTo(
                "Subscription ID,Trainee Name,Trainee Email,Status,Amount,Currency,Current Period Start,"
                        + "Current Period End,Created At,Canceled At");
        assertThat(String.join(",", Dataset.TRAINEES.headers())).isEqualTo(
                "Trainee ID,First Name,Last Name,Email,Active,Joined,Fitness Goal,Activity Level,"
                        + "Active Programs,Last Log Date");
        assertThat(Dataset.values()).allSatisfy(d -> assertThat(d.sql()).contains(":trainerId"));
    }

    @Test
    void cells_are_quoted_only_where_rfc_4180_needs_it_and_lines_end_with_crlf() throws IOException {
        assertThat(csv("plain", "with,comma", "with \"quote\"", "two\nlines", "Zoë Ünal", null, "-10.00"))
                .isEqualTo("plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",Zoë Ünal,,-10.00\r\n");
    }

    private static String csv(String... cells) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CsvRowWriter.FORMAT)) {
            printer.printRecord((Object[]) cells);
        }
        return out.toString();
    }
}
