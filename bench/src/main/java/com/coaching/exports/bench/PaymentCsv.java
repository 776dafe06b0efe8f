package com.coaching.exports.bench;

import com.coaching.exports.shared.dataset.Dataset;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.jspecify.annotations.Nullable;

/**
 * The Spring Batch peer's rows and lines: a payment as its row mapper reads it, and as one line of
 * the CSV of docs/api.md ("The CSV files"), with commons-csv's minimal quoting, the formula guard,
 * timestamps to the second in UTC and amounts with two decimals.
 */
final class PaymentCsv {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().get();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private PaymentCsv() {}

    /** One payment row, as a row mapper reads it. */
    record Payment(
            long id,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime paidAt,
            String traineeName,
            String traineeEmail,
            String type,
            String status,
            BigDecimal amount,
            String currency,
            String description) {}

    static Payment payment(ResultSet rs, int row) throws SQLException {
        return new Payment(
                rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class),
                rs.getObject(3, OffsetDateTime.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBigDecimal(8),
                rs.getString(9),
                rs.getString(10));
    }

    /** The header line, without its line end. */
    static String header() {
        return CSV.format((Object[]) Dataset.PAYMENTS.headers());
    }

    /** One CSV line, without its line end. */
    static String line(Payment p) {
        return CSV.format(
                p.id(),
                time(p.createdAt()),
                time(p.paidAt()),
                text(p.traineeName()),
                text(p.traineeEmail()),
                text(p.type()),
                text(p.status()),
                p.amount() == null
                        ? null
                        : p.amount().setScale(2, RoundingMode.HALF_UP).toPlainString(),
                text(p.currency()),
                text(p.description()));
    }

    private static @Nullable String time(@Nullable OffsetDateTime time) {
        return time == null ? null : TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The formula guard: a text cell that a spreadsheet would run gets a {@code '} in front. */
    private static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }
}
