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
                OffsetDateTime.parse("2026-11-26T09:00:00.123456Z"),
                "status",
                new String[0]));

        assertThat(sql)
                .contains("p.trainer_id = 42")
                .contains("cardinality('{}'::text[]::text[]) = 0")
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
    void a_status_filter_is_no_literal_but_a_setting_the_reader_binds_in_the_copys_transaction() {
        Map<String, Object> parameters = Map.of(
                "trainerId",
                42L,
                "since",
                OffsetDateTime.parse("2026-10-27T09:00:00Z"),
                "until",
                OffsetDateTime.parse("2026-11-26T09:00:00Z"),
                "status",
                new String[] {"failed", "x'); drop table users; --"});

        CopyQuery query = Dataset.PAYMENTS.copyQuery(parameters);

        assertThat(query.sql())
                .contains("p.status = any((select current_setting('exports.status')::text[])::text[])")
                .doesNotContain("failed")
                .doesNotContain("drop table");
        assertThat(query.settings())
                .isEqualTo(Map.of("exports.status", List.of("failed", "x'); drop table users; --")));
        assertThatThrownBy(() -> Dataset.PAYMENTS.inlinedSql(parameters)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_column_has_a_key_its_header_in_snake_case_by_which_it_may_be_named_too() {
        assertThat(Dataset.PAYMENTS.columns().stream().map(Column::key))
                .containsExactly(
                        "payment_id",
                        "created_at",
                        "paid_at",
                        "trainee_name",
                        "trainee_email",
                        "type",
                        "status",
                        "amount",
                        "currency",
                        "description");
        assertThat(Dataset.SUBSCRIBERS.columns().stream().map(Column::key))
                .contains("subscription_id", "current_period_start", "canceled_at");
        assertThat(Dataset.TRAINEES.columns().stream().map(Column::key)).contains("trainee_id", "last_log_date");
        assertThat(Dataset.PAYMENTS.positions(List.of("amount", "Payment ID"))).containsExactly(7, 0);
    }

    @Test
    void payments_and_subscribers_have_statuses_to_filter_by_and_trainees_none() {
        assertThat(Dataset.PAYMENTS.statuses()).containsExactly("succeeded", "pending", "failed", "refunded");
        assertThat(Dataset.SUBSCRIBERS.statuses()).containsExactly("active", "trialing", "past_due", "canceled");
        assertThat(Dataset.TRAINEES.statuses()).isEmpty();
        assertThat(Dataset.TRAINEES.sql()).doesNotContain(":status");
    }

    @Test
    void chosen_columns_stand_where_the_query_selects_them_in_the_order_asked_for() {
        assertThat(Dataset.PAYMENTS.positions(List.of("Amount", "Payment ID"))).containsExactly(7, 0);
        assertThat(Dataset.TRAINEES.positions(null)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThatThrownBy(() -> Dataset.TRAINEES.positions(List.of("Amount")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
