package com.coaching.exports.shared.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExportJobTest {

    private static final UUID ID = UUID.fromString("0b6f5f9e-3c1a-4d3e-9a53-2f1f0e4c9a10");

    @Test
    void the_file_is_named_after_the_dataset_and_the_utc_date_of_the_request_and_kept_per_attempt() {
        ExportJob job = ExportJob.queued(ID, 7, Dataset.PAYMENTS, 30, false, Instant.parse("2026-11-25T23:59:59Z"));

        assertThat(job.fileName()).isEqualTo("payments-2026-11-25.csv");
        assertThat(job.objectKey()).isEqualTo("exports/7/" + ID + "/attempt-0/payments-2026-11-25.csv");
    }

    @Test
    void the_window_starts_days_before_the_request() {
        ExportJob job = ExportJob.queued(ID, 7, Dataset.PAYMENTS, 30, false, Instant.parse("2026-11-25T10:00:00Z"));

        assertThat(job.since()).isEqualTo(Instant.parse("2026-10-26T10:00:00Z"));
    }

    @Test
    void a_dataset_without_a_window_has_no_start() {
        ExportJob job = ExportJob.queued(ID, 7, Dataset.TRAINEES, null, false, Instant.parse("2026-11-25T10:00:00Z"));

        assertThat(job.since()).isNull();
    }

    @Test
    void from_and_to_are_whole_calendar_days_in_the_jobs_zone() {
        ExportOptions options = new ExportOptions(
                null,
                ZoneId.of("Asia/Kolkata"),
                LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-10-31"),
                null,
                null);
        ExportJob job = ExportJob.queued(
                ID, 7, Dataset.PAYMENTS, null, false, null, options, Instant.parse("2026-11-25T10:00:00Z"));

        assertThat(job.since()).isEqualTo(Instant.parse("2026-09-30T18:30:00Z"));
        assertThat(job.until()).isEqualTo(Instant.parse("2026-10-31T18:29:59.999999Z"));
    }

    @Test
    void an_incremental_window_includes_its_start_and_excludes_its_end_and_is_stored_with_the_job() {
        Instant start = Instant.parse("2026-12-06T05:59:00Z");
        Instant end = Instant.parse("2026-12-07T05:59:00Z");
        ExportOptions options = ExportOptions.NONE.between(start, end);
        ExportJob job = ExportJob.queued(
                ID, 7, Dataset.PAYMENTS, null, false, null, options, Instant.parse("2026-12-07T06:00:05Z"));

        assertThat(job.since()).isEqualTo(start);
        assertThat(job.until()).isEqualTo(Instant.parse("2026-12-07T05:58:59.999999Z"));
        assertThat(ExportOptions.fromJson(options.toJson())).isEqualTo(options);
    }

    @Test
    void an_xlsx_file_is_named_so_and_gzip_follows_the_format() {
        ExportOptions xlsx = new ExportOptions(ExportFormat.XLSX, null, null, null, null, null);
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        ExportJob plain = ExportJob.queued(ID, 7, Dataset.TRAINEES, null, false, null, xlsx, now);
        ExportJob gzipped = ExportJob.queued(ID, 7, Dataset.TRAINEES, null, false, Compression.GZIP, xlsx, now);

        assertThat(plain.fileName()).isEqualTo("trainees-2026-11-25.xlsx");
        assertThat(plain.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(gzipped.fileName()).isEqualTo("trainees-2026-11-25.xlsx.gz");
        assertThat(ExportJob.queued(ID, 7, Dataset.TRAINEES, null, false, Compression.GZIP, ExportOptions.NONE, now)
                        .fileName())
                .isEqualTo("trainees-2026-11-25.csv.gz");
    }

    @Test
    void options_are_stored_as_given_and_read_back_the_same() {
        ExportOptions options = new ExportOptions(
                ExportFormat.CSV,
                ZoneId.of("Europe/Berlin"),
                LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-10-02"),
                List.of("Amount", "Payment ID"),
                new CsvOptions(CsvOptions.Delimiter.TAB, CsvOptions.LineEnding.LF, true));

        assertThat(ExportOptions.fromJson(options.toJson())).isEqualTo(options);
        assertThat(ExportOptions.NONE.toJson()).isNull();
        assertThat(ExportOptions.fromJson(null)).isEqualTo(ExportOptions.NONE);
        assertThat(ExportOptions.NONE.effectiveZone().getId()).isEqualTo("UTC");
    }

    @Test
    void a_jsonl_file_is_named_so_and_its_status_filter_is_stored_and_bound_as_a_text_array() {
        ExportOptions options = new ExportOptions(ExportFormat.JSONL, null, null, null, null, null)
                .withStatus(List.of("failed", "refunded"));
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        ExportJob filtered = ExportJob.queued(ID, 7, Dataset.PAYMENTS, 30, false, Compression.GZIP, options, now);
        ExportJob all = ExportJob.queued(ID, 7, Dataset.SUBSCRIBERS, null, false, null, ExportOptions.NONE, now);
        ExportJob trainees = ExportJob.queued(ID, 7, Dataset.TRAINEES, null, false, null, options, now);

        assertThat(filtered.fileName()).isEqualTo("payments-2026-11-25.jsonl.gz");
        assertThat(ExportOptions.fromJson(options.toJson())).isEqualTo(options);
        assertThat(options.endingAt(now).status()).containsExactly("failed", "refunded");
        assertThat((String[]) filtered.queryParameters().get("status")).containsExactly("failed", "refunded");
        assertThat((String[]) all.queryParameters().get("status")).isEmpty();
        assertThat(trainees.queryParameters()).doesNotContainKey("status");
    }
}
