package com.coaching.exports.shared.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void a_unix_cron_fires_at_second_zero_on_the_zones_wall_clock_in_winter_and_summer() {
        CronSchedule mondays = CronSchedule.parse("0 7 * * MON", BERLIN);

        // winter (CET, +01:00), then the Monday after the switch to summer time (CEST, +02:00) on 2026-03-29
        assertThat(mondays.next(Instant.parse("2026-03-20T00:00:00Z"))).isEqualTo("2026-03-23T06:00:00Z");
        assertThat(mondays.next(Instant.parse("2026-03-23T06:00:00Z"))).isEqualTo("2026-03-30T05:00:00Z");
    }

    @Test
    void a_time_that_daylight_saving_skips_fires_once_that_day_shifted_by_the_gap() {
        CronSchedule halfPastTwo = CronSchedule.parse("30 2 * * *", BERLIN);

        // 02:30 does not exist in Berlin on 2026-03-29: it fires at 03:30 CEST, then at 02:30 the next day
        Instant first = halfPastTwo.next(Instant.parse("2026-03-28T12:00:00Z"));
        assertThat(first).isEqualTo("2026-03-29T01:30:00Z");
        assertThat(halfPastTwo.next(first)).isEqualTo("2026-03-30T00:30:00Z");
    }

    @Test
    void a_time_that_daylight_saving_repeats_fires_once() {
        CronSchedule halfPastTwo = CronSchedule.parse("30 2 * * *", BERLIN);

        // 02:30 comes twice in Berlin on 2026-10-25 (CEST, then CET): only the first fires
        Instant first = halfPastTwo.next(Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(first).isEqualTo("2026-10-25T00:30:00Z");
        assertThat(halfPastTwo.next(first)).isEqualTo("2026-10-26T01:30:00Z");
    }

    @Test
    void an_hourly_cron_goes_on_through_the_repeated_hour_without_going_back() {
        CronSchedule hourly = CronSchedule.parse("0 * * * *", BERLIN);

        Instant firstThree = hourly.next(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 CEST
        assertThat(firstThree).isEqualTo("2026-10-25T02:00:00Z"); // 03:00 CET: 02:00 CET was 02:00 already
        assertThat(hourly.next(Instant.parse("2026-10-25T01:30:00Z"))).isEqualTo("2026-10-25T02:00:00Z");
    }

    @Test
    void the_fields_are_kept_one_space_apart() {
        assertThat(CronSchedule.parse("  0   7 * *  MON ", BERLIN).unix()).isEqualTo("0 7 * * MON");
    }

    @Test
    void a_cron_of_another_field_count_a_bad_field_or_one_that_never_fires_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CronSchedule.parse("0 0 7 * * MON", BERLIN))
                .withMessageContaining("5 fields");
        assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.parse("@daily", BERLIN));
        assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.parse("60 7 * * *", BERLIN));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CronSchedule.parse("0 0 30 2 *", BERLIN))
                .withMessage("never fires");
        assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.parse(null, BERLIN));
    }

    @Test
    void the_latest_due_firing_stands_for_every_firing_missed_since_the_first() {
        CronSchedule hourly = CronSchedule.parse("0 * * * *", ZoneId.of("UTC"));

        assertThat(hourly.latestDue(Instant.parse("2026-12-01T20:00:00Z"), Instant.parse("2026-12-02T03:30:00Z")))
                .isEqualTo("2026-12-02T03:00:00Z");
        assertThat(hourly.latestDue(Instant.parse("2026-12-02T03:00:00Z"), Instant.parse("2026-12-02T03:00:00Z")))
                .isEqualTo("2026-12-02T03:00:00Z");
    }
}
