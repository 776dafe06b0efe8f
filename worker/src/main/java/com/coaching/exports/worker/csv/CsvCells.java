package com.coaching.exports.worker.csv;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.worker.copy.Binary;
import com.coaching.exports.worker.copy.Numeric;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The CSV rules of docs/api.md ("The CSV files"): how each kind of column becomes a cell. Each reads the value
 * as PostgreSQL's binary COPY format sends it (big-endian, timestamps and dates counted from
 * 2000-01-01) and writes the cell's bytes; a {@code null} is an empty cell and never reaches here.
 * Timestamps are written in the job's zone with its offset ({@code Z} where the offset is zero).
 */
final class CsvCells {

    private static final byte FORMULA_GUARD = '\'';
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] INFINITY = ascii("infinity");
    private static final byte[] MINUS_INFINITY = ascii("-infinity");
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));
    private static final DateTimeFormatter SECONDS_WITH_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXXXX");
    private static final int LOCAL_TIME_LENGTH = "2026-11-25T10:15:30".length();

    private final CsvBuffer csv;
    private final ZoneId zoneId;
    private final ZoneRules zone;

    /** The offset in force from {@link #offsetFrom} (included) to {@link #offsetUntil} (excluded), epoch seconds. */
    private long offsetFrom = Long.MAX_VALUE;

    private long offsetUntil = Long.MIN_VALUE;
    private int offsetSeconds;
    private byte[] offsetText = new byte[0];

    CsvCells(CsvBuffer csv, ZoneId zone) {
        this.csv = csv;
        this.zoneId = zone;
        this.zone = zone.getRules();
    }

    /** Writes the value held in {@code value[at .. at + length)} as one cell of kind {@code type}. */
    void write(CellType type, byte[] value, int at, int length) {
        switch (type) {
            case INTEGER -> {
                Binary.expectLength(length, 8);
                writeLong(Binary.int8(value, at));
            }
            case TEXT -> csv.textCell(length > 0 && isFormulaStart(value[at]) ? FORMULA_GUARD : 0, value, at, length);
            case TIMESTAMP -> {
                Binary.expectLength(length, 8);
                long micros = Binary.int8(value, at);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    csv.plainCell(micros > 0 ? INFINITY : MINUS_INFINITY);
                    return;
                }
                writeTimestamp(Math.floorDiv(micros, 1_000_000L) + Binary.PG_EPOCH_SECOND);
            }
            case DATE -> {
                Binary.expectLength(length, 4);
                int days = Binary.int4(value, at);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    csv.plainCell(days > 0 ? INFINITY : MINUS_INFINITY);
                    return;
                }
                csv.plainCell(
                        ascii(LocalDate.ofEpochDay(days + Binary.PG_EPOCH_DAY).toString()));
            }
            case AMOUNT -> writeCents(Numeric.cents(value, at, length));
            case BOOLEAN -> {
                Binary.expectLength(length, 1);
                csv.plainCell(value[at] != 0 ? TRUE : FALSE);
            }
        }
    }

    /** A text cell as it is, unguarded: the header's names. */
    void header(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        csv.textCell((byte) 0, bytes, 0, bytes.length);
    }

    /** Spreadsheet formula injection: a text cell starting with one of these is prefixed with {@code '}. */
    static boolean isFormulaStart(byte first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private void writeLong(long value) {
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
    private void writeCents(long cents) {
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

    /**
     * The timestamp at {@code epochSecond} in the job's zone, written without a formatter: this runs
     * for most cells. The zone's offset is looked up once per stretch between two of its transitions.
     */
    private void writeTimestamp(long epochSecond) {
        if (epochSecond < offsetFrom || epochSecond >= offsetUntil) {
            lookUpOffset(epochSecond);
        }
        long local = epochSecond + offsetSeconds;
        long day = Math.floorDiv(local, 86_400L);
        int secondOfDay = (int) Math.floorMod(local, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            csv.plainCell(ascii(SECONDS_WITH_OFFSET.format(
                    Instant.ofEpochSecond(epochSecond).atZone(zoneId))));
            return;
        }
        int at = csv.startCell(LOCAL_TIME_LENGTH + offsetText.length);
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
        System.arraycopy(offsetText, 0, b, at + LOCAL_TIME_LENGTH, offsetText.length);
        csv.length = at + LOCAL_TIME_LENGTH + offsetText.length;
    }

    private void lookUpOffset(long epochSecond) {
        Instant instant = Instant.ofEpochSecond(epochSecond);
        ZoneOffset offset = zone.getOffset(instant);
        ZoneOffsetTransition previous = zone.previousTransition(instant.plusSeconds(1));
        ZoneOffsetTransition next = zone.nextTransition(instant);
        offsetFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
        offsetUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        offsetSeconds = offset.getTotalSeconds();
        offsetText = ascii(offset.getId()); // Z, +01:00, +05:30
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
