package com.coaching.exports.shared.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import java.time.Instant;
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
}
