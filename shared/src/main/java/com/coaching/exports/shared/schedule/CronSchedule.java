package com.coaching.exports.shared.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule fires: a 5-field Unix cron ({@code minute hour day-of-month month day-of-week},
 * names such as {@code MON} and {@code JAN} allowed) read in an IANA time zone. Spring's
 * {@link CronExpression} has a seconds field first; a Unix cron fires at second 0. Evaluated on
 * the zone's wall clock, so {@code 0 7 * * MON} is 07:00 in Berlin in winter and in summer alike;
 * a time that daylight saving skips fires at the first instant after the gap, as Spring's does.
 * Unlike Unix cron, a day-of-month and a day-of-week both restricted must both match.
 */
public final class CronSchedule {

    /** How many missed firings {@link #latestDue} steps over before it gives up counting (a minute cron down for a month). */
    private static final int MAX_STEPS = 50_000;

    private final String unix;
    private final CronExpression expression;
    private final ZoneId zone;

    private CronSchedule(String unix, CronExpression expression, ZoneId zone) {
        this.unix = unix;
        this.expression = expression;
        this.zone = zone;
    }

    /**
     * Reads a 5-field Unix cron.
     *
     * @throws IllegalArgumentException with a message for people: not 5 fields, a field out of range,
     *     or a cron that never fires (say, {@code 0 0 30 2 *})
     */
    public static CronSchedule parse(@Nullable String unix, ZoneId zone) {
        if (unix == null || unix.isBlank()) {
            throw new IllegalArgumentException("is required: a 5-field cron such as 0 7 * * MON");
        }
        String trimmed = unix.trim();
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("must have 5 fields (minute hour day-of-month month day-of-week),"
                    + " such as 0 7 * * MON; found " + fields.length);
        }
        CronExpression expression;
        try {
            expression = CronExpression.parse("0 " + String.join(" ", fields));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid cron: " + e.getMessage(), e);
        }
        CronSchedule schedule = new CronSchedule(String.join(" ", fields), expression, zone);
        if (schedule.next(Instant.EPOCH) == null) {
            throw new IllegalArgumentException("never fires");
        }
        return schedule;
    }

    /** The cron as stored and shown: its 5 fields, one space apart. */
    public String unix() {
        return unix;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first firing strictly after {@code after}; {@code null} when there is none (never, for a parsed one). */
    public @Nullable Instant next(Instant after) {
        ZonedDateTime from = after.atZone(zone);
        LocalDateTime local = from.toLocalDateTime();
        for (int step = 0; step < MAX_STEPS; step++) {
            local = expression.next(local);
            if (local == null) {
                return null;
            }
            // a skipped time moves forward by the gap; a repeated one takes the offset in force at 'after'
            Instant next = ZonedDateTime.ofLocal(local, zone, from.getOffset()).toInstant();
            if (next.isAfter(after)) {
                return next;
            }
        }
        return null;
    }

    /**
     * The latest firing at or before {@code now}, starting from {@code due} (a firing that is due):
     * the one firing that stands for all those missed since {@code due}.
     */
    public Instant latestDue(Instant due, Instant now) {
        Instant latest = due;
        for (int step = 0; step < MAX_STEPS; step++) {
            Instant next = next(latest);
            if (next == null || next.isAfter(now)) {
                return latest;
            }
            latest = next;
        }
        return latest;
    }
}
