package com.coaching.exports.worker.xlsx;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.worker.copy.Binary;
import com.coaching.exports.worker.copy.CellText;
import com.coaching.exports.worker.copy.Numeric;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * How each kind of column becomes a cell of a sheet's XML, written as bytes from the values of the
 * binary COPY: integers and amounts as their stored digits, dates and timestamps as the serial
 * numbers a spreadsheet counts days in (the fraction is the time of day, local in the job's zone),
 * each with its style ({@link XlsxParts}); booleans as {@code 1}/{@code 0}; text as an inline string.
 * A {@code null} is an empty cell ({@link #empty}).
 */
final class SheetCells {

    /** The serial number of 1970-01-01: the 1900 date system counts a 1900-02-29 that never was. */
    private static final long SERIAL_OF_EPOCH_DAY_0 = 25_569L;
    /** 1900-03-01: the first day past that phantom one; before it, serials are one less. */
    private static final long FIRST_DAY_AFTER_PHANTOM = -25_508L;

    /** 1900-01-01 and 9999-12-31: what a spreadsheet can hold as a date; other days are text. */
    private static final long FIRST_DAY = -25_567L;

    private static final long LAST_DAY = 2_932_896L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** Enough for a second to be read back exactly: a spreadsheet reads these as binary doubles. */
    private static final int FRACTION_DIGITS = 12;

    private static final long FRACTION_SCALE = 1_000_000_000_000L;

    private static final byte[] ROW = ascii("<row r=\"");
    private static final byte[] ROW_OPENED = ascii("\">");
    private static final byte[] ROW_END = ascii("</row>");
    private static final byte[] CELL = ascii("<c");
    private static final byte[] EMPTY = ascii("<c/>");
    private static final byte[] NUMBER = ascii("><v>");
    private static final byte[] TIMESTAMP = ascii(" s=\"" + XlsxParts.STYLE_TIMESTAMP + "\"><v>");
    private static final byte[] DATE = ascii(" s=\"" + XlsxParts.STYLE_DATE + "\"><v>");
    private static final byte[] AMOUNT = ascii(" s=\"" + XlsxParts.STYLE_AMOUNT + "\"><v>");
    private static final byte[] VALUE_END = ascii("</v></c>");
    private static final byte[] TRUE = ascii(" t=\"b\"><v>1</v></c>");
    private static final byte[] FALSE = ascii(" t=\"b\"><v>0</v></c>");
    private static final byte[] TEXT = ascii(" t=\"inlineStr\"><is><t>");
    private static final byte[] TEXT_SPACED = ascii(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    private static final byte[] HEADER = ascii(" s=\"" + XlsxParts.STYLE_HEADER + "\" t=\"inlineStr\"><is><t>");
    private static final byte[] TEXT_END = ascii("</t></is></c>");
    /** Room for a cell's markup: its start, reference, middle and end, and a number. */
    private static final int MARKUP_ROOM = 128;

    private final XlsxBuffer xml;
    private final CellText times;

    private final byte[] rowDigits = new byte[CellText.MAX_LONG];
    private int rowDigitsLength;
    private final byte[] scratch = new byte[CellText.MAX_TIMESTAMP];

    SheetCells(XlsxBuffer xml, ZoneId zone) {
        this.xml = xml;
        this.times = new CellText(zone);
    }

    /** Opens row {@code row} (1 is the header). */
    void startRow(int row) {
        rowDigitsLength = CellText.writeLong(rowDigits, 0, row);
        xml.raw(ROW);
        int at = xml.reserve(rowDigitsLength + ROW_OPENED.length);
        System.arraycopy(rowDigits, 0, xml.bytes, at, rowDigitsLength);
        System.arraycopy(ROW_OPENED, 0, xml.bytes, at + rowDigitsLength, ROW_OPENED.length);
        xml.length = at + rowDigitsLength + ROW_OPENED.length;
    }

    void endRow() {
        xml.raw(ROW_END);
    }

    /** A header cell: bold text. */
    void header(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        start(HEADER);
        xml.text(utf8, 0, utf8.length);
        xml.raw(TEXT_END);
    }

    /** Writes the value held in {@code value[at .. at + length)} as the next cell, of kind {@code type}. */
    void write(CellType type, byte[] value, int at, int length) {
        switch (type) {
            case INTEGER -> {
                Binary.expectLength(length, 8);
                int start = start(NUMBER);
                xml.length = CellText.writeLong(xml.bytes, start, Binary.int8(value, at));
                xml.raw(VALUE_END);
            }
            case AMOUNT -> {
                long cents = Numeric.cents(value, at, length);
                int start = start(AMOUNT);
                xml.length = CellText.writeCents(xml.bytes, start, cents);
                xml.raw(VALUE_END);
            }
            case TEXT -> text(value, at, length);
            case TIMESTAMP -> {
                Binary.expectLength(length, 8);
                long micros = Binary.int8(value, at);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    plainText(micros > 0 ? CellText.INFINITY : CellText.MINUS_INFINITY);
                    return;
                }
                long epochSecond = Math.floorDiv(micros, 1_000_000L) + Binary.PG_EPOCH_SECOND;
                long local = times.localSecond(epochSecond);
                long day = Math.floorDiv(local, SECONDS_PER_DAY);
                if (day < FIRST_DAY || day > LAST_DAY) {
                    int end = times.writeTimestamp(scratch, 0, epochSecond);
                    text(scratch, 0, end);
                    return;
                }
                int start = start(TIMESTAMP);
                xml.length = writeSerial(xml.bytes, start, day, (int) Math.floorMod(local, SECONDS_PER_DAY));
                xml.raw(VALUE_END);
            }
            case DATE -> {
                Binary.expectLength(length, 4);
                int days = Binary.int4(value, at);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    plainText(days > 0 ? CellText.INFINITY : CellText.MINUS_INFINITY);
                    return;
                }
                long day = days + Binary.PG_EPOCH_DAY;
                if (day < FIRST_DAY || day > LAST_DAY) {
                    plainText(CellText.date(day));
                    return;
                }
                int start = start(DATE);
                xml.length = writeSerial(xml.bytes, start, day, 0);
                xml.raw(VALUE_END);
            }
            case BOOLEAN -> {
                Binary.expectLength(length, 1);
                start(value[at] != 0 ? TRUE : FALSE);
            }
        }
    }

    private void text(byte[] value, int at, int length) {
        start(XlsxBuffer.hasOuterSpace(value, at, length) ? TEXT_SPACED : TEXT);
        xml.text(value, at, length);
        xml.raw(TEXT_END);
    }

    private void plainText(byte[] ascii) {
        text(ascii, 0, ascii.length);
    }

    /** An empty cell, a {@code null}'s: there, so that the cells after it need not name their column. */
    void empty() {
        xml.raw(EMPTY);
    }

    /**
     * Writes a cell's start and {@code middle}, and returns where its value goes; room is made for the
     * markup and a number, the rest is the caller's. A cell does not name its place ({@code r="C7"},
     * optional in ECMA-376): it is in the column after the cell before it, as every cell is written,
     * empty ones too. The row's digits in every cell's name were a fifth of the sheet's XML, the part
     * deflate does worst with, and deflating is most of what a workbook costs.
     */
    private int start(byte[] middle) {
        int at = xml.reserve(MARKUP_ROOM);
        byte[] b = xml.bytes;
        System.arraycopy(CELL, 0, b, at, CELL.length);
        at += CELL.length;
        System.arraycopy(middle, 0, b, at, middle.length);
        at += middle.length;
        xml.length = at;
        return at;
    }

    /**
     * The serial number of {@code epochDay} at {@code secondOfDay}: whole days, then the share of the
     * day to {@value #FRACTION_DIGITS} decimals (rounded, trailing zeros left out): 46023.5 is noon.
     */
    static int writeSerial(byte[] b, int at, long epochDay, int secondOfDay) {
        long serial =
                epochDay + (epochDay >= FIRST_DAY_AFTER_PHANTOM ? SERIAL_OF_EPOCH_DAY_0 : SERIAL_OF_EPOCH_DAY_0 - 1);
        int end = CellText.writeLong(b, at, serial);
        if (secondOfDay == 0) {
            return end;
        }
        long fraction = (secondOfDay * FRACTION_SCALE + SECONDS_PER_DAY / 2) / SECONDS_PER_DAY;
        b[end] = '.';
        for (int i = end + FRACTION_DIGITS; i > end; i--) {
            b[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        int last = end + FRACTION_DIGITS;
        while (b[last] == '0') {
            last--;
        }
        return last + 1;
    }

    private static byte[] ascii(String text) {
        return XlsxBuffer.ascii(text);
    }
}
