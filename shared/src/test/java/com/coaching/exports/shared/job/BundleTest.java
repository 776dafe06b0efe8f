package com.coaching.exports.shared.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BundleTest {

    private static final UUID ID = UUID.fromString("0b6f5f9e-3c1a-4d3e-9a53-2f1f0e4c9a10");
    private static final Instant NOW = Instant.parse("2026-11-25T23:59:59Z");
    private static final List<Dataset> ALL = List.of(Dataset.PAYMENTS, Dataset.SUBSCRIBERS, Dataset.TRAINEES);

    @Test
    void a_bundle_is_one_zip_named_after_the_utc_date_of_the_request() {
        ExportJob bundle = bundle(ExportOptions.NONE, Compression.GZIP);

        assertThat(bundle.bundle()).isTrue();
        assertThat(bundle.datasets()).containsExactlyElementsOf(ALL);
        assertThat(bundle.fileName()).isEqualTo("export-2026-11-25.zip");
        assertThat(bundle.contentType()).isEqualTo("application/zip");
        assertThat(Bundle.names(bundle)).isEqualTo("payments, subscribers, trainees");
    }

    @Test
    void each_member_is_the_single_export_of_its_dataset_the_window_for_payments_the_statuses_each_its_own() {
        ExportOptions options = new ExportOptions(
                        ExportFormat.JSONL,
                        ZoneId.of("Europe/Berlin"),
                        LocalDate.parse("2026-10-01"),
                        LocalDate.parse("2026-10-31"),
                        null,
                        null)
                .withStatus(List.of("failed", "canceled"));
        ExportJob bundle = bundle(options, Compression.GZIP);

        ExportJob payments = Bundle.member(bundle, Dataset.PAYMENTS);
        ExportJob subscribers = Bundle.member(bundle, Dataset.SUBSCRIBERS);
        ExportJob trainees = Bundle.member(bundle, Dataset.TRAINEES);

        assertThat(payments.since()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        assertThat(payments.options().status()).containsExactly("failed");
        assertThat(subscribers.options().status()).containsExactly("canceled");
        assertThat(subscribers.options().from()).isNull();
        assertThat(trainees.options().status()).isNull();
        assertThat(trainees.queryParameters()).containsOnlyKeys("trainerId");
        for (ExportJob member : List.of(payments, subscribers, trainees)) {
            assertThat(member.bundle()).isFalse();
            assertThat(member.compression()).as("the ZIP deflates its members").isNull();
            assertThat(member.options().effectiveFormat()).isEqualTo(ExportFormat.JSONL);
            assertThat(member.options().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        }
        assertThat(Bundle.memberName(payments)).isEqualTo("payments.jsonl");
    }

    @Test
    void a_dataset_none_of_whose_statuses_is_named_has_every_status() {
        ExportJob bundle = bundle(ExportOptions.NONE.withStatus(List.of("refunded")), null);

        assertThat(Bundle.member(bundle, Dataset.SUBSCRIBERS).options().status())
                .isNull();
        assertThat(Bundle.member(bundle, Dataset.PAYMENTS).options().status()).containsExactly("refunded");
    }

    @Test
    void the_datasets_are_stored_with_the_options_and_read_back_in_their_order() {
        ExportOptions options = ExportOptions.NONE.bundling(List.of(Dataset.TRAINEES, Dataset.PAYMENTS));

        assertThat(options.toJson()).isEqualTo("{\"datasets\":[\"trainees\",\"payments\"]}");
        assertThat(ExportOptions.fromJson(options.toJson())).isEqualTo(options);
    }

    private static ExportJob bundle(ExportOptions options, Compression compression) {
        return ExportJob.queued(ID, 7, Dataset.PAYMENTS, 30, false, compression, options.bundling(ALL), NOW);
    }
}
