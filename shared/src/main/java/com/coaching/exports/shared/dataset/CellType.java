package com.coaching.exports.shared.dataset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The CSV rules of contract section 6: how each kind of column becomes a cell. Each reads the
 * value as PostgreSQL's binary COPY format sends it (big-endian, timestamps and dates counted from
 * 2000-01-01) and writes the cell's bytes; a {@code null} is an empty cell and never reaches here.
 */
public enum CellType {

    /** Ids and counts ({@code bigint}): the decimal number, never altered. */
    ID("bigint") {
        @Override
        void write(byte[] value, int at, int length, CsvBuffer csv) {
            expectLength(length, 8);
            writeLong(csv, (long) LONG.get(value, at));
        }
    },

    /** Free text ({@code text}): as stored, prefixed with {@code '} when a spreadsheet would run it as a formula. */
    TEXT("text") {
        @Override
        void write(byte[] value, int at, int length, CsvBuffer csv) {
            csv.textCell(length > 0 && isFormulaStart(value[at]) ? FORMULA_GUARD : 0, value, at, length);
        }
    },

    /** A point in time ({@code timestamp with time zone}): ISO-8601 in UTC to the second, {@code 2026-11-25T10:15:30Z}. */
    TIMESTAMP("timestamp with time zone") {
        @Override
        void write(byte[] value, int at, int length, CsvBuffer csv) {
            expectLength(length, 8);
            long micros = (long) LONG.get(value, at);
            if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                csv.plainCell(micros > 0 ? INFINITY : MINUS_INFINITY);
                return;
            }
            writeTimestamp(csv, Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND);
        }
    },

    /** A calendar date ({@code date}): {@code 2026-11-25}. */
    DATE("date") {
        @Override
        void write(byte[] value, int at, int length, CsvBuffer csv) {
            expectLength(length, 4);
            int days = (int) INT.get(value, at);
            if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                csv.plainCell(days > 0 ? INFINITY : MINUS_INFINITY);
                return;
            }
            csv.plainCell(ascii(LocalDate.ofEpochDay(days + PG_EPOCH_DAY).toString()));
        }
    },

    /** Money ({@code numeric}): two decimals and a dot, {@code 49.00}, {@code -10.00}. */
    AMOUNT("numeric") {
        @Override
        void write(byte[] value, int at, int length, CsvBuffer csv) {
            writeCents(csv, Numeric.cents(value, at, length));
        }
    },

    /** {@code true} or {@code false} ({@code boolean}). */
    BOOLEAN("boolean") {
        @Override
        void write(byte[] value, int at, int length, CsvBuffer csv) {
            expectLength(length, 1);
            csv.plainCell(value[at] != 0 ? TRUE : FALSE);
        }
    };

    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds and days from 1970-01-01. */
    static final long PG_EPOCH_SECOND = 946_684_800L;

    static final long PG_EPOCH_DAY = 10_957L;

    private static final byte FORMULA_GUARD = '\'';
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] INFINITY = ascii("infinity");
    private static final byte[] MINUS_INFINITY = ascii("-infinity");
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));
    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");
    private static final int TIMESTAMP_LENGTH = "2026-11-25T10:15:30Z".length();

    private final String sqlType;

    CellType(String sqlType) {
        this.sqlType = sqlType;
    }

    /**
     * The type the dataset's query must select for this kind of cell, as PostgreSQL's
     * {@code format_type} names it: its binary form is what {@link #write} reads.
     */
    public String sqlType() {
        return sqlType;
    }

    /** Writes the value held in {@code value[at .. at + length)} as one cell. */
    abstract void write(byte[] value, int at, int length, CsvBuffer csv);

    /** Spreadsheet formula injection: a text cell starting with one of these is prefixed with {@code '}. */
    static boolean isFormulaStart(byte first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static void expectLength(int length, int expected) {
        if (length != expected) {
            throw new IllegalStateException("a value of " + length + " bytes where " + expected + " were expected:"
                    + " the query's column types do not match the dataset's columns");
        }
    }

    static void writeLong(CsvBuffer csv, long value) {
        if (value == Long.MIN_VALUE) {
            csv.plainCell(MIN_LONG);
            return;
        }
        int at = csv.startCell(20);
        byte[] bytes = csv.bytes;
        if (value < 0) {
            bytes[at++] = '-';
            value = -value;
        }
        int end = at + digitCount(value);
        writeDigits(bytes, at, end, value);
        csv.length = end;
    }

    /** {@code cents} as an amount: sign, whole units, a dot and two decimals. */
    static void writeCents(CsvBuffer csv, long cents) {
        int at = csv.startCell(22);
        byte[] bytes = csv.bytes;
        if (cents < 0) {
            bytes[at++] = '-';
        }
        long units = Math.abs(cents / 100);
        int fraction = (int) Math.abs(cents % 100);
        int dot = at + digitCount(units);
        writeDigits(bytes, at, dot, units);
        bytes[dot] = '.';
        writeDigits(bytes, dot + 1, dot + 3, fraction);
        csv.length = dot + 3;
    }

    /** The timestamp at {@code epochSecond} (UTC), written without a formatter: this runs for most cells. */
    static void writeTimestamp(CsvBuffer csv, long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            csv.plainCell(ascii(UTC_SECONDS.format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC))));
            return;
        }
        int at = csv.startCell(TIMESTAMP_LENGTH);
        byte[] b = csv.bytes;
        writeDigits(b, at, at + 4, date.getYear());
        b[at + 4] = '-';
        writeDigits(b, at + 5, at + 7, date.getMonthValue());
        b[at + 7] = '-';
        writeDigits(b, at + 8, at + 10, date.getDayOfMonth());
        b[at + 10] = 'T';
        writeDigits(b, at + 11, at + 13, secondOfDay / 3600);
        b[at + 13] = ':';
        writeDigits(b, at + 14, at + 16, secondOfDay / 60 % 60);
        b[at + 16] = ':';
        writeDigits(b, at + 17, at + 19, secondOfDay % 60);
        b[at + 19] = 'Z';
        csv.length = at + TIMESTAMP_LENGTH;
    }

    /** Writes {@code value} (not negative) as the digits of {@code bytes[from .. to)}, zero-padded on the left. */
    private static void writeDigits(byte[] bytes, int from, int to, long value) {
        for (int i = to - 1; i >= from; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int digitCount(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
