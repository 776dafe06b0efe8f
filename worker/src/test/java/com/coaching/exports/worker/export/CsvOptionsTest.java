package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.CsvOptions;
import com.coaching.exports.shared.job.CsvOptions.Delimiter;
import com.coaching.exports.shared.job.CsvOptions.LineEnding;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13's file options end to end, as exact bytes in the bucket: the CSV dialect, the columns,
 * the time zone (one with daylight saving, one with a half-hour offset) and a from/to window whose
 * midnights fall in that zone.
 */
@WorkerTest
@Import({Jobs.class, Store.class})
class CsvOptionsTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Store store;

    SourceRows rows;
    long trainer;
    long trainee;

    @BeforeEach
    void aTrainerWithATrainee() {
        rows = new SourceRows(jdbc);
        trainer = rows.trainer("Olga", "Options", "olga@example.com");
        trainee = rows.trainee(trainer, "Zoë", "Ünal", "zoe@example.com", true, Instant.parse("2026-01-02T03:04:05Z"));
    }

    @ParameterizedTest(name = "{0} {1} bom={2}")
    @CsvSource({"COMMA, LF, false", "SEMICOLON, CRLF, true", "TAB, LF, true", "PIPE, CRLF, false"})
    void each_csv_dialect_is_written_byte_for_byte_and_the_formula_guard_holds(
            Delimiter delimiter, String ending, boolean bom) {
        String d = delimiter.text();
        LineEnding lineEnding = LineEnding.valueOf(ending);
        String eol = lineEnding.characters();
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        long guarded = payment("=HYPERLINK(\"x\")", created);
        long split = payment("one" + d + "two", created.minusSeconds(1));
        long plain = payment("Zoë's plan, month 1", created.minusSeconds(2));

        byte[] file = export(
                Dataset.PAYMENTS,
                30,
                new ExportOptions(
                        null,
                        null,
                        null,
                        null,
                        List.of("Payment ID", "Description", "Amount", "Trainee Name"),
                        new CsvOptions(delimiter, lineEnding, bom)));

        // a cell holding the delimiter is quoted; a formula is guarded with ' whatever the delimiter
        String quotedPlain = d.equals(",") ? "\"Zoë's plan, month 1\"" : "Zoë's plan, month 1";
        String expected = String.join(d, "Payment ID", "Description", "Amount", "Trainee Name")
                + eol
                + String.join(d, String.valueOf(guarded), "\"'=HYPERLINK(\"\"x\"\")\"", "49.00", "Zoë Ünal")
                + eol
                + String.join(d, String.valueOf(split), "\"one" + d + "two\"", "49.00", "Zoë Ünal")
                + eol
                + String.join(d, String.valueOf(plain), quotedPlain, "49.00", "Zoë Ünal")
                + eol;
        assertThat(Arrays.copyOf(file, 3))
                .isEqualTo(bom ? BOM : Arrays.copyOf(expected.getBytes(StandardCharsets.UTF_8), 3));
        assertThat(new String(file, bom ? 3 : 0, file.length - (bom ? 3 : 0), StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }

    @Test
    void a_window_in_a_half_hour_zone_takes_the_rows_of_its_calendar_days_there_written_with_the_offset() {
        // Asia/Kolkata is UTC+05:30 all year: 2026-10-01 starts at 2026-09-30T18:30:00Z
        long before = payment("before", Instant.parse("2026-09-30T18:29:59.999999Z"));
        long first = payment("first", Instant.parse("2026-09-30T18:30:00Z"));
        long last = payment("last", Instant.parse("2026-10-31T18:29:59.999999Z"));
        long after = payment("after", Instant.parse("2026-10-31T18:30:00Z"));

        String file = new String(
                export(Dataset.PAYMENTS, null, window("Asia/Kolkata", "2026-10-01", "2026-10-31")),
                StandardCharsets.UTF_8);

        assertThat(file)
                .isEqualTo("Payment ID,Created At,Description\r\n"
                        + last + ",2026-10-31T23:59:59+05:30,last\r\n"
                        + first + ",2026-10-01T00:00:00+05:30,first\r\n");
        assertThat(file).doesNotContain(before + ",", after + ",");
    }

    @Test
    void a_window_over_a_change_of_daylight_saving_time_is_the_zones_25_hour_day() {
        // Europe/Berlin leaves summer time at 2026-10-25T01:00:00Z: the day runs 22:00Z to 23:00Z next day
        payment("day before", Instant.parse("2026-10-24T21:59:59Z"));
        long midnight = payment("midnight", Instant.parse("2026-10-24T22:00:00Z"));
        long summer = payment("02:30 summer time", Instant.parse("2026-10-25T00:30:00Z"));
        long winter = payment("02:30 winter time", Instant.parse("2026-10-25T01:30:00Z"));
        long lastSecond = payment("last second", Instant.parse("2026-10-25T22:59:59Z"));
        payment("day after", Instant.parse("2026-10-25T23:00:00Z"));

        String file = new String(
                export(Dataset.PAYMENTS, null, window("Europe/Berlin", "2026-10-25", "2026-10-25")),
                StandardCharsets.UTF_8);

        assertThat(file)
                .isEqualTo("Payment ID,Created At,Description\r\n"
                        + lastSecond + ",2026-10-25T23:59:59+01:00,last second\r\n"
                        + winter + ",2026-10-25T02:30:00+01:00,02:30 winter time\r\n"
                        + summer + ",2026-10-25T02:30:00+02:00,02:30 summer time\r\n"
                        + midnight + ",2026-10-25T00:00:00+02:00,midnight\r\n");
    }

    @Test
    void every_timestamp_of_a_file_is_written_in_the_zone_and_dates_stay_as_they_are() {
        rows.dailyLog(trainee, LocalDate.parse("2026-03-01"));

        String file = new String(
                export(
                        Dataset.TRAINEES,
                        null,
                        new ExportOptions(null, ZoneId.of("Australia/Adelaide"), null, null, null, null)),
                StandardCharsets.UTF_8);

        // Joined 2026-01-02T03:04:05Z is 13:34:05 in Adelaide's summer (+10:30)
        assertThat(file)
                .isEqualTo(String.join(",", Dataset.TRAINEES.headers()) + "\r\n"
                        + trainee + ",Zoë,Ünal," + rows.email("zoe@example.com")
                        + ",true,2026-01-02T13:34:05+10:30,,,,2026-03-01\r\n");
    }

    private static ExportOptions window(String zone, String from, String to) {
        return new ExportOptions(
                null,
                ZoneId.of(zone),
                LocalDate.parse(from),
                LocalDate.parse(to),
                List.of("Payment ID", "Created At", "Description"),
                null);
    }

    private long payment(String description, Instant created) {
        return rows.payment(trainer, trainee, "49.00", "EUR", "succeeded", "subscription", description, created, null);
    }

    private byte[] export(Dataset dataset, Integer days, ExportOptions options) {
        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, dataset, days, options).id(), JobStatus.SUCCEEDED);
        return store.file(done);
    }
}
