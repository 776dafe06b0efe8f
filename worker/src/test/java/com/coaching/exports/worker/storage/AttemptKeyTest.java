package com.coaching.exports.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportOptions;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttemptKeyTest {

    @Test
    void the_key_a_job_writes_names_the_job_and_the_attempt() {
        ExportJob queued = ExportJob.queued(
                UUID.randomUUID(),
                42,
                Dataset.PAYMENTS,
                30,
                false,
                Compression.GZIP,
                ExportOptions.NONE,
                Instant.parse("2026-12-01T10:00:00Z"));
        ExportJob thirdAttempt = new ExportJob(
                queued.id(),
                42,
                Dataset.PAYMENTS,
                30,
                false,
                queued.status(),
                queued.createdAt(),
                null,
                null,
                0,
                null,
                false,
                3,
                null,
                null,
                Compression.GZIP,
                queued.lane(),
                queued.options(),
                null,
                null,
                0,
                null);

        assertThat(AttemptKey.of(thirdAttempt.objectKey())).contains(new AttemptKey(queued.id(), 3));
    }

    @Test
    void a_key_of_another_shape_names_no_job() {
        assertThat(AttemptKey.of("exports/42/not-a-job/attempt-1/payments.csv")).isEmpty();
        assertThat(AttemptKey.of("exports/42/" + UUID.randomUUID() + "/payments.csv"))
                .isEmpty();
        assertThat(AttemptKey.of("exports/42/" + UUID.randomUUID() + "/attempt-1/"))
                .isEmpty();
        assertThat(AttemptKey.of("exports/42/" + UUID.randomUUID() + "/attempt-1/a/b.csv"))
                .isEmpty();
    }
}
