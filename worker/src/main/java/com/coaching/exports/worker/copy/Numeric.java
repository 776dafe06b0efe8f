package com.coaching.exports.worker.copy;

/**
 * Reads PostgreSQL's binary {@code numeric}: four 16-bit fields (digit count, weight of the first
 * digit, sign, display scale) and then base-10000 digits, the first worth 10000^weight.
 */
public final class Numeric {

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int HEADER_BYTES = 8;

    private Numeric() {}

    /**
     * The value in hundredths. Fails on NaN or infinity, on more than two decimals that are not zero,
     * and on a value too large for a {@code long}: none fits an amount of the contract.
     */
    public static long cents(byte[] value, int at, int length) {
        int digits = Binary.int2(value, at);
        int weight = Binary.int2(value, at + 2);
        int sign = Binary.int2(value, at + 4) & 0xFFFF;
        if (length != HEADER_BYTES + 2 * digits || digits < 0) {
            throw new IllegalStateException("not a binary numeric of " + length + " bytes: the query's column"
                    + " types do not match the dataset's columns");
        }
        if (sign != POSITIVE && sign != NEGATIVE) {
            throw new ArithmeticException("an amount that is not a number (NaN or infinity)");
        }
        long units = 0;
        long cents = 0;
        for (int i = 0; i < digits; i++) {
            int digit = Binary.int2(value, at + HEADER_BYTES + 2 * i);
            int power = weight - i;
            if (power >= 0) {
                units = Math.addExact(units, Math.multiplyExact(digit, powerOf10000(power)));
            } else if (power == -1 && digit % 100 == 0) {
                cents = digit / 100;
            } else if (digit != 0) {
                throw new ArithmeticException("an amount with more than two decimals");
            }
        }
        long total = Math.addExact(Math.multiplyExact(units, 100), cents);
        return sign == NEGATIVE ? -total : total;
    }

    private static long powerOf10000(int power) {
        long result = 1;
        for (int i = 0; i < power; i++) {
            result = Math.multiplyExact(result, 10_000L);
        }
        return result;
    }
}
