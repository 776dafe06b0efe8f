package com.coaching.exports.worker.copy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Values and rows as PostgreSQL's binary COPY writes them, for tests that have no server. */
public final class PgBinary {

    public static final byte[] END = {(byte) 0xFF, (byte) 0xFF};
    private static final byte[] FILE_HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    private PgBinary() {}

    public static byte[] int8(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    public static byte[] int4(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    public static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] timestamptz(Instant value) {
        long seconds = value.getEpochSecond() - Binary.PG_EPOCH_SECOND;
        return int8(Math.addExact(Math.multiplyExact(seconds, 1_000_000L), value.getNano() / 1000));
    }

    /** Base-10000 digits with the weight of the first, as {@code numeric_send} writes them. */
    public static byte[] numeric(BigDecimal value) {
        int scale = Math.max(value.scale(), 0);
        int fractionGroups = (scale + 3) / 4;
        BigInteger unscaled = value.abs().setScale(fractionGroups * 4).unscaledValue();
        String digits = unscaled.toString();
        int integerDigits = Math.max(digits.length() - fractionGroups * 4, 0);
        int integerGroups = (integerDigits + 3) / 4;
        String padded = "0".repeat(integerGroups * 4 + fractionGroups * 4 - digits.length()) + digits;
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < padded.length(); i += 4) {
            groups.add(Integer.parseInt(padded.substring(i, i + 4)));
        }
        int weight = integerGroups - 1;
        while (!groups.isEmpty() && groups.get(0) == 0) {
            groups.remove(0);
            weight--;
        }
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * groups.size());
        out.putShort((short) groups.size())
                .putShort((short) (groups.isEmpty() ? 0 : weight))
                .putShort((short) (value.signum() < 0 ? 0x4000 : 0))
                .putShort((short) scale);
        groups.forEach(group -> out.putShort(group.shortValue()));
        return out.array();
    }

    /** One row: its field count, then each value's length and bytes; a {@code null} value is length -1. */
    public static byte[] row(byte[]... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) values.length).array());
        for (byte[] value : values) {
            out.writeBytes(int4(value == null ? -1 : value.length));
            if (value != null) {
                out.writeBytes(value);
            }
        }
        return out.toByteArray();
    }

    /** The first message of a COPY: the file header, then the first row. */
    public static byte[] fileHeaderAnd(byte[] row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FILE_HEADER);
        out.writeBytes(row);
        return out.toByteArray();
    }
}
