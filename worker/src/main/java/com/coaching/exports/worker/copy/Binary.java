package com.coaching.exports.worker.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads the big-endian values of PostgreSQL's binary COPY format. */
public final class Binary {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds and days from 1970-01-01. */
    public static final long PG_EPOCH_SECOND = 946_684_800L;

    public static final long PG_EPOCH_DAY = 10_957L;

    private Binary() {}

    public static long int8(byte[] value, int at) {
        return (long) LONG.get(value, at);
    }

    public static int int4(byte[] value, int at) {
        return (int) INT.get(value, at);
    }

    public static short int2(byte[] value, int at) {
        return (short) SHORT.get(value, at);
    }

    /** Fails when a value's length is not its type's: the query does not select what the columns read. */
    public static void expectLength(int length, int expected) {
        if (length != expected) {
            throw new IllegalStateException("a value of " + length + " bytes where " + expected + " were expected:"
                    + " the query's column types do not match the dataset's columns");
        }
    }
}
