package com.coaching.exports.worker.copy;

/**
 * Well-formed UTF-8 (Unicode, table 3-7), as the text writers check it: PostgreSQL never sends
 * anything else from a UTF8 database, but a {@code SQL_ASCII} one might, and a file that is not
 * UTF-8 is no JSON Lines file and no workbook. What is not well-formed becomes U+FFFD, one for each
 * maximal invalid part, as the Unicode standard recommends.
 */
public final class Utf8 {

    /** U+FFFD, the replacement character, in UTF-8. */
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8() {}

    /** Writes U+FFFD at {@code at}; returns where it ended. */
    public static int writeReplacement(byte[] bytes, int at) {
        System.arraycopy(REPLACEMENT, 0, bytes, at, REPLACEMENT.length);
        return at + REPLACEMENT.length;
    }

    /**
     * The length of the well-formed UTF-8 sequence of more than one byte that starts at {@code i}; or,
     * where there is none, minus the length of the maximal part of one to replace.
     */
    public static int sequenceLength(byte[] source, int i, int end) {
        int lead = source[i] & 0xFF;
        int continuations;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuations = 1;
        } else if (lead == 0xE0) {
            continuations = 2;
            low = 0xA0;
        } else if (lead == 0xED) {
            continuations = 2;
            high = 0x9F; // not a surrogate half
        } else if (lead >= 0xE1 && lead <= 0xEF) {
            continuations = 2;
        } else if (lead == 0xF0) {
            continuations = 3;
            low = 0x90;
        } else if (lead >= 0xF1 && lead <= 0xF3) {
            continuations = 3;
        } else if (lead == 0xF4) {
            continuations = 3;
            high = 0x8F;
        } else {
            return -1;
        }
        int taken = 1;
        while (taken <= continuations && i + taken < end) {
            int next = source[i + taken] & 0xFF;
            if (next < low || next > high) {
                break;
            }
            low = 0x80;
            high = 0xBF;
            taken++;
        }
        return taken == continuations + 1 ? taken : -taken;
    }
}
