package com.coaching.exports.worker.copy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The ASCII text of the values of a binary COPY, as every text file (CSV, JSON Lines) writes them:
 * integers, amounts with two decimals and a dot, dates, and timestamps in the job's zone to the
 * second with its offset ({@code Z} where the offset is zero). Each writes into a byte array at a
 * position the caller made room at (up to the {@code MAX_} lengths) and returns where it ended:
 * this runs for most cells, so no strings and no formatter on the way.
 */
public final class CellText {

    /** The longest integer: {@code -9223372036854775808}. */
    public static final int MAX_LONG = 20;

    /** The longest amount: a long's digits, a sign and a dot. */
    public static final int MAX_CENTS = 22;

    /** The longest timestamp: a year of six digits with its sign, and an offset with seconds. */
    public static final int MAX_TIMESTAMP = 32;

    public static final byte[] INFINITY = ascii("infinity");
    public static final byte[] MINUS_INFINITY = ascii("-infinity");

    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));
    private static final DateTimeFormatter SECONDS_WITH_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXXXX");
    private static final int LOCAL_TIME_LENGTH = "2026-11-25T10:15:30".length();

    private final ZoneId zoneId;
    private final ZoneRules zone;

    /** The offset in force from {@link #offsetFrom} (included) to {@link #offsetUntil} (excluded), epoch seconds. */
    private long offsetFrom = Long.MAX_VALUE;

    private long offsetUntil = Long.MIN_VALUE;
    private int offsetSeconds;
    private byte[] offsetText = new byte[0];

    /** Writes timestamps in {@code zone}. */
    public CellText(ZoneId zone) {
        this.zoneId = zone;
        this.zone = zone.getRules();
    }

    /** {@code value} in decimal digits. */
    public static int writeLong(byte[] bytes, int at, long value) {
        if (value == Long.MIN_VALUE) {
            System.arraycopy(MIN_LONG, 0, bytes, at, MIN_LONG.length);
            return at + MIN_LONG.length;
        }
        if (value < 0) {
            bytes[at++] = '-';
            value = -value;
        }
        int end = at + digitCount(value);
        writeDigits(bytes, at, end, value);
        return end;
    }

    /** {@code cents} as an amount: sign, whole units, a dot and two decimals. */
    public static int writeCents(byte[] bytes, int at, long cents) {
        if (cents < 0) {
            bytes[at++] = '-';
        }
        long units = Math.abs(cents / 100);
        int fraction = (int) Math.abs(cents % 100);
        int dot = at + digitCount(units);
        writeDigits(bytes, at, dot, units);
        bytes[dot] = '.';
        writeDigits(bytes, dot + 1, dot + 3, fraction);
        return dot + 3;
    }

    /** A date counted in days from 1970-01-01: {@code 2026-11-25}. */
    public static byte[] date(long epochDay) {
        return ascii(LocalDate.ofEpochDay(epochDay).toString());
    }

    /**
     * The timestamp at {@code epochSecond} in the job's zone. The zone's offset is looked up once per
     * stretch between two of its transitions.
     */
    public int writeTimestamp(byte[] b, int at, long epochSecond) {
        long local = localSecond(epochSecond);
        long day = Math.floorDiv(local, 86_400L);
        int secondOfDay = (int) Math.floorMod(local, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            byte[] text = ascii(SECONDS_WITH_OFFSET.format(
                    Instant.ofEpochSecond(epochSecond).atZone(zoneId)));
            System.arraycopy(text, 0, b, at, text.length);
            return at + text.length;
        }
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
        return at + LOCAL_TIME_LENGTH + offsetText.length;
    }

    /**
     * The local time in the job's zone at {@code epochSecond}, counted in seconds from 1970-01-01T00:00
     * local time (a spreadsheet's date-time has no zone). The zone's offset is looked up once per
     * stretch between two of its transitions; {@link #writeTimestamp} then writes that offset.
     */
    public long localSecond(long epochSecond) {
        if (epochSecond < offsetFrom || epochSecond >= offsetUntil) {
            lookUpOffset(epochSecond);
        }
        return epochSecond + offsetSeconds;
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

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
