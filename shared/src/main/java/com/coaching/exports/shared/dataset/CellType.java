package com.coaching.exports.shared.dataset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The CSV rules of contract section 6: how each kind of column becomes a cell.
 * A {@code null} cell is written as an empty cell.
 */
public enum CellType {

    /** Ids and counts: the decimal number, never altered. */
    ID {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            long value = rs.getLong(column);
            return rs.wasNull() ? null : Long.toString(value);
        }
    },

    /** Free text: as stored, prefixed with {@code '} when a spreadsheet would run it as a formula. */
    TEXT {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            return text(rs.getString(column));
        }
    },

    /** A point in time: ISO-8601 in UTC to the second, {@code 2026-11-25T10:15:30Z}. */
    TIMESTAMP {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : timestamp(value);
        }
    },

    /** A calendar date: {@code 2026-11-25}. */
    DATE {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            LocalDate value = rs.getObject(column, LocalDate.class);
            return value == null ? null : value.toString();
        }
    },

    /** Money: two decimals and a dot, {@code 49.00}, {@code -10.00}. */
    AMOUNT {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            BigDecimal value = rs.getBigDecimal(column);
            return value == null ? null : value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        }
    },

    /** {@code true} or {@code false}. */
    BOOLEAN {
        @Override
        public String read(ResultSet rs, int column) throws SQLException {
            boolean value = rs.getBoolean(column);
            return rs.wasNull() ? null : Boolean.toString(value);
        }
    };

    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    /** Reads column {@code column} (1-based) of the current row as a cell. */
    public abstract String read(ResultSet rs, int column) throws SQLException;

    /** Spreadsheet formula injection: a text cell starting with one of these is prefixed with {@code '}. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }

    static String timestamp(OffsetDateTime value) {
        OffsetDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return UTC_SECONDS.format(utc.truncatedTo(ChronoUnit.SECONDS));
        }
        // the hot path of every export: the same text as UTC_SECONDS, without a formatter per cell
        char[] text = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
        digits(text, 0, year, 4);
        digits(text, 5, utc.getMonthValue(), 2);
        digits(text, 8, utc.getDayOfMonth(), 2);
        digits(text, 11, utc.getHour(), 2);
        digits(text, 14, utc.getMinute(), 2);
        digits(text, 17, utc.getSecond(), 2);
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
