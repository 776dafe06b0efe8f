package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link MetricNames} takes for a metric in a query, and in a scrape: the dashboard's check rests on it. */
class MetricNamesTest {

    @Test
    void a_query_names_its_metrics_and_not_its_functions_labels_ranges_or_variables() {
        assertThat(
                        MetricNames.in(
                                "histogram_quantile(0.95, sum by (le, dataset) "
                                        + "(rate(exports_export_duration_seconds_bucket{status=\"SUCCEEDED\", error!~\"a|b\"}[$__rate_interval])))"))
                .containsExactly("exports_export_duration_seconds_bucket");
        assertThat(MetricNames.in("sum(rate(exports_jobs_finished_total{status=\"FAILED\"}[15m]))\n"
                        + "  / ignoring (status) sum without (error) (rate(exports_jobs_finished_total[15m])) > 0.05"))
                .containsExactly("exports_jobs_finished_total");
        assertThat(MetricNames.in("absent(up{job=\"exports-worker\"} == 1) or vector(1e3) and on (job) offset_metric"))
                .containsExactly("offset_metric", "up");
        assertThat(MetricNames.in("max by (application) (process_cpu_usage) unless bool jvm_threads_live_threads"))
                .containsExactly("jvm_threads_live_threads", "process_cpu_usage");
    }

    @Test
    void a_scrape_shows_a_histogram_as_its_buckets_count_and_sum() {
        String scrape = """
                # HELP exports_export_duration_seconds From the start
                # TYPE exports_export_duration_seconds histogram
                exports_export_duration_seconds_bucket{dataset="payments",le="1.0"} 1
                exports_export_duration_seconds_count{dataset="payments"} 1
                exports_export_duration_seconds_sum{dataset="payments"} 0.2
                process_uptime_seconds 12.5
                """;

        assertThat(MetricNames.exposed(scrape))
                .containsExactlyInAnyOrder(
                        "exports_export_duration_seconds_bucket",
                        "exports_export_duration_seconds_count",
                        "exports_export_duration_seconds_sum",
                        "process_uptime_seconds");
    }
}
