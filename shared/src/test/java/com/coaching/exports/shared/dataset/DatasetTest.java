package com.coaching.exports.shared.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The datasets of docs/api.md, "The CSV files": their columns and queries. */
class DatasetTest {

    @Test
    void every_dataset_has_a_query_and_its_contract_headers() {
        assertThat(String.join(",", Dataset.PAYMENTS.headers()))
                .isEqualTo(
                        "Payment ID,Created At,Paid At,Trainee Name,Trainee Email,Type,Status,Amount,Currency,Description");
        assertThat(String.join(",", Dataset.SUBSCRIBERS.headers()))
                .isEqualTo("Subscription ID,Trainee Name,Trainee Email,Status,Amount,Currency,Current Period Start,"
                        + "Current Period End,Created At,Canceled At");
        assertThat(String.join(",", Dataset.TRAINEES.headers()))
                .isEqualTo("Trainee ID,First Name,Last Name,Email,Active,Joined,Fitness Goal,Activity Level,"
                        + "Active Programs,Last Log Date");
        assertThat(Dataset.values()).allSatisfy(d -> assertThat(d.sql()).contains(":trainerId"));
    }

    @Test
    void parameters_are_written_into_the_copy_statement_as_typed_literals_only() {
        String sql = Dataset.PAYMENTS.inlinedSql(Map.of(
                "trainerId",
                42L,
                "since",
                OffsetDateTime.parse("2026-10-27T09:00:00.123456Z"),
                "until",
                OffsetDateTime.parse("2026-11-26T09:00:00.123456Z")));

        assertThat(sql)
                .contains("p.trainer_id = 42")
                .contains("p.created_at >= '2026-10-27T09:00:00.123456Z'::timestamptz")
                .contains("p.created_at <= '2026-11-26T09:00:00.123456Z'::timestamptz")
                .doesNotContain(":trainerId")
                .doesNotContain(":since")
                .doesNotContain(":until");
        assertThatThrownBy(() -> Dataset.PAYMENTS.inlinedSql(Map.of(
                        "trainerId",
                        "1; drop table users",
                        "since",
                        OffsetDateTime.now(),
                        "until",
                        OffsetDateTime.now())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dataset.PAYMENTS.inlinedSql(Map.of("trainerId", 42L)))
                .hasMessageContaining(":since");
    }

    @Test
    void chosen_columns_stand_where_the_query_selects_them_in_the_order_asked_for() {
        assertThat(Dataset.PAYMENTS.positions(List.of("Amount", "Payment ID"))).containsExactly(7, 0);
        assertThat(Dataset.TRAINEES.positions(null)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThatThrownBy(() -> Dataset.TRAINEES.positions(List.of("Amount")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
