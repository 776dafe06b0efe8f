package com.coaching.exports.shared.job;

/**
 * Which queue a job waits in: jobs estimated to be large take the bulk lane, so that small
 * exports never wait behind them.
 */
public enum Lane {
    STANDARD,
    BULK;

    /** The lane for a job estimated at {@code estimatedRows} rows. */
    public static Lane forEstimate(long estimatedRows, long bulkThreshold) {
        return estimatedRows >= bulkThreshold ? BULK : STANDARD;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Lane byId(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
