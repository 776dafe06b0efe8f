package com.coaching.exports.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/datasets}: what a client needs to build an export form. */
@ApiTest
class DatasetsTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void each_dataset_is_listed_with_its_columns_their_types_and_the_fields_it_takes() {
        Response response = ApiClient.newTrainerOnPort(port).get("/api/v1/datasets");

        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> datasets = response.json()
                .get("datasets")
                .valueStream()
                .collect(Collectors.toMap(d -> d.get("id").asString(), d -> d));
        assertThat(datasets).containsOnlyKeys("payments", "subscribers", "trainees");

        assertThat(columns(datasets.get("payments")))
                .containsExactly(
                        "Payment ID:integer",
                        "Created At:timestamp",
                        "Paid At:timestamp",
                        "Trainee Name:text",
                        "Trainee Email:text",
                        "Type:text",
                        "Status:text",
                        "Amount:amount",
                        "Currency:text",
                        "Description:text");
        assertThat(columns(datasets.get("trainees")))
                .contains("Active:boolean", "Joined:timestamp", "Last Log Date:date");

        assertThat(parameterNames(datasets.get("payments")))
                .containsExactly(
                        "days",
                        "from",
                        "to",
                        "format",
                        "timezone",
                        "columns",
                        "status",
                        "csv.delimiter",
                        "csv.lineEnding",
                        "csv.bom",
                        "compression",
                        "notify");
        assertThat(parameterNames(datasets.get("subscribers")))
                .doesNotContain("days", "from", "to")
                .contains("status");
        assertThat(parameterNames(datasets.get("trainees"))).doesNotContain("status");
        assertThat(values(parameter(datasets.get("payments"), "status")))
                .containsExactly("succeeded", "pending", "failed", "refunded");
        assertThat(values(parameter(datasets.get("subscribers"), "status")))
                .containsExactly("active", "trialing", "past_due", "canceled");
        assertThat(values(parameter(datasets.get("payments"), "format"))).containsExactly("csv", "xlsx", "jsonl");
        assertThat(datasets.get("payments")
                        .get("columns")
                        .valueStream()
                        .map(c -> c.get("key").asString()))
                .startsWith("payment_id", "created_at", "paid_at", "trainee_name");
        JsonNode days = parameter(datasets.get("payments"), "days");
        assertThat(days.get("minimum").asInt()).isEqualTo(1);
        assertThat(days.get("maximum").asInt()).isEqualTo(365);
        assertThat(days.get("default").asString()).isEqualTo("30");
        assertThat(parameter(datasets.get("payments"), "csv.delimiter")
                        .get("values")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly(",", ";", "\t", "|");
        assertThat(parameter(datasets.get("trainees"), "columns")
                        .get("values")
                        .valueStream()
                        .map(JsonNode::asString))
                .startsWith("Trainee ID", "First Name");
    }

    private static List<String> values(JsonNode parameter) {
        return parameter.get("values").valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void the_datasets_need_a_trainers_token() {
        assertThat(ApiClient.onPort(port, null).get("/api/v1/datasets").status())
                .isEqualTo(401);
    }

    private static List<String> columns(JsonNode dataset) {
        return dataset.get("columns")
                .valueStream()
                .map(c -> c.get("header").asString() + ":" + c.get("type").asString())
                .toList();
    }

    private static List<String> parameterNames(JsonNode dataset) {
        return dataset.get("parameters")
                .valueStream()
                .map(p -> p.get("name").asString())
                .toList();
    }

    private static JsonNode parameter(JsonNode dataset, String name) {
        return dataset.get("parameters")
                .valueStream()
                .filter(p -> p.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
