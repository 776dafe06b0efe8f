package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** docs/api.md, "Errors": every bad request is a problem+json 4xx naming the field, and changes nothing. */
@ApiTest
class BadInputTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    long trainerId;
    String token;
    ApiClient api;

    @BeforeEach
    void newTrainer() {
        trainerId = Tokens.newTrainerId();
        token = Tokens.trainer(trainerId);
        api = ApiClient.onPort(port, token);
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"dataset": "payments", "days": 0}              | days
            {"dataset": "payments", "days": 366}            | days
            {"dataset": "payments", "days": -5}             | days
            {"dataset": "payments", "days": 30.5}           | days
            {"dataset": "payments", "days": "30"}           | days
            {"dataset": "payments", "days": true}           | days
            {"dataset": "trainees", "days": 30}             | days
            {"dataset": "invoices"}                         | dataset
            {"dataset": 7}                                  | dataset
            {"days": 30}                                    | dataset
            {"dataset": "payments", "notify": "yes"}        | notify
            {"dataset": "payments", "format": "XLSX"}       | format
            {"dataset": "payments", "format": "xlsx", "csv": {"bom": true}} | csv
            {"dataset": "payments", "compression": "zip"}   | compression
            {"dataset": "payments", "format": "pdf"}        | format
            {"dataset": "payments", "format": 7}            | format
            {"dataset": "payments", "timezone": "Mars/Olympus_Mons"} | timezone
            {"dataset": "payments", "timezone": "+01:00"}   | timezone
            {"dataset": "payments", "timezone": ""}         | timezone
            {"dataset": "payments", "from": "2026-13-01", "to": "2026-10-02"} | from
            {"dataset": "payments", "from": "2026-10-01", "to": "01/10/2026"} | to
            {"dataset": "payments", "from": "2026-10-01"}   | to
            {"dataset": "payments", "to": "2026-10-01"}     | from
            {"dataset": "payments", "from": "2026-10-02", "to": "2026-10-01"} | from
            {"dataset": "payments", "from": "2025-01-01", "to": "2026-01-02"} | to
            {"dataset": "payments", "from": "2999-01-01", "to": "2999-01-02"} | to
            {"dataset": "payments", "days": 30, "from": "2026-10-01", "to": "2026-10-02"} | days
            {"dataset": "trainees", "from": "2026-10-01", "to": "2026-10-02"} | from
            {"dataset": "payments", "columns": ["Payment ID", "Nope"]} | columns
            {"dataset": "payments", "columns": ["Amount", "Amount"]} | columns
            {"dataset": "payments", "columns": []}          | columns
            {"dataset": "payments", "columns": [null]}      | columns
            {"dataset": "payments", "columns": "Amount"}    | columns
            {"dataset": "trainees", "columns": ["Amount"]}  | columns
            {"dataset": "payments", "csv": {"delimiter": "x"}} | csv.delimiter
            {"dataset": "payments", "csv": {"delimiter": ",,"}} | csv.delimiter
            {"dataset": "payments", "csv": {"lineEnding": "CR"}} | csv.lineEnding
            {"dataset": "payments", "csv": {"lineEnding": "crlf"}} | csv.lineEnding
            {"dataset": "payments", "csv": {"bom": "yes"}}  | csv.bom
            {"dataset": "payments", "csv": {"quote": "'"}}  | csv.quote
            {"dataset": "payments", "csv": ";"}             | csv
            {"dataset": "payments", "format": "jsonl", "csv": {"delimiter": ";"}} | csv
            {"dataset": "payments", "format": "JSONL"}      | format
            {"dataset": "payments", "columns": ["amount", "Amount"]} | columns
            {"dataset": "payments", "status": ["paid"]}     | status
            {"dataset": "payments", "status": ["succeeded", "active"]} | status
            {"dataset": "payments", "status": []}           | status
            {"dataset": "payments", "status": [null]}       | status
            {"dataset": "payments", "status": "failed"}     | status
            {"dataset": "payments", "status": ["failed", "failed"]} | status
            {"dataset": "subscribers", "status": ["succeeded"]} | status
            {"dataset": "trainees", "status": ["active"]}   | status
            {"dataset": "payments", "datasets": ["trainees"]} | datasets
            {"datasets": ["payments", "invoices"]}          | datasets
            {"datasets": ["payments", "payments"]}          | datasets
            {"datasets": []}                                | datasets
            {"datasets": [null]}                            | datasets
            {"datasets": "payments"}                        | datasets
            {"datasets": ["payments", "trainees"], "columns": ["Amount"]} | columns
            {"datasets": ["subscribers", "trainees"], "days": 30} | days
            {"datasets": ["subscribers", "trainees"], "from": "2026-10-01", "to": "2026-10-02"} | from
            {"datasets": ["payments", "trainees"], "status": ["active"]} | status
            {"datasets": ["trainees"], "status": ["failed"]} | status
            """)
    void a_bad_field_is_a_400_problem_naming_it_and_no_job_is_made(String body, String field) {
        Response response = api.post("/api/v1/exports", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(response.json().get("title").asString()).isEqualTo("The request is not valid");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains(field);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("Exception", "at com.", "at org.");
        assertThat(jobsOfTrainer()).isZero();
    }

    @Test
    void an_unknown_status_is_named_with_the_statuses_the_dataset_has() {
        Response response = api.post("/api/v1/exports", """
                {"dataset": "payments", "status": ["succeeded", "paid"]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .isEqualTo("has no status paid; the statuses of payments are succeeded, pending, failed, refunded");
    }

    @Test
    void an_unknown_dataset_in_a_bundle_is_named_with_the_datasets_there_are() {
        Response response = api.post("/api/v1/exports", """
                {"datasets": ["payments", "invoices"]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .isEqualTo("has no dataset invoices; the datasets are payments, subscribers, trainees");
    }

    @ParameterizedTest(name = "Accept {0}")
    @ValueSource(
            strings = {
                "application/yaml",
                "application/x-yaml",
                "application/xml",
                "text/xml",
                "text/csv",
                "application/cbor"
            })
    void an_accept_header_that_names_no_json_is_a_406_problem_and_no_job_is_made(String accept) {
        Response created = api.post("/api/v1/exports", "{\"dataset\": \"payments\"}", "Accept", accept);
        Response listed =
                api.exchange("GET", "/api/v1/exports", null, "Authorization", "Bearer " + token, "Accept", accept);

        for (Response response : List.of(created, listed)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(406);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("/problems/not-acceptable");
        }
        assertThat(jobsOfTrainer()).isZero();
    }

    @Test
    void json_is_chosen_when_the_accept_header_allows_it_among_others() {
        Response response = api.post(
                "/api/v1/exports",
                "{\"dataset\": \"payments\"}",
                "Accept",
                "application/xml, application/yaml;q=0.9, application/json;q=0.1");

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.contentType()).startsWith("application/json");
    }

    @Test
    void an_error_asked_for_as_xml_is_still_problem_json() {
        Response response = api.exchange(
                "DELETE",
                "/api/v1/exports/" + UUID.randomUUID(),
                null,
                "Authorization",
                "Bearer " + token,
                "Accept",
                "application/xml");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void an_unknown_column_is_answered_with_the_valid_names() {
        Response response = api.post("/api/v1/exports", "{\"dataset\": \"trainees\", \"columns\": [\"Amount\"]}");

        assertThat(response.json().get("errors").get(0).get("message").asString())
                .contains("Amount")
                .contains("Trainee ID, First Name, Last Name, Email, Active, Joined, Fitness Goal, Activity Level,"
                        + " Active Programs, Last Log Date");
    }

    @Test
    void several_bad_fields_are_all_named() {
        Response response = api.post("/api/v1/exports", "{\"dataset\": \"invoices\", \"days\": 0}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("dataset", "days");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"dataset": "payments"
            not json at all
            []
            ''
            """)
    void malformed_json_is_a_400_problem(String body) {
        Response response = api.post("/api/v1/exports", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(jobsOfTrainer()).isZero();
    }

    @Test
    void a_body_over_16_kib_is_a_413_problem() {
        String padding = "x".repeat(17 * 1024);
        Response response = api.post("/api/v1/exports", "{\"dataset\": \"payments\", \"pad\": \"" + padding + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(jobsOfTrainer()).isZero();
    }

    @Test
    void a_body_that_is_not_json_is_a_415_problem() {
        Response response =
                api.post("/api/v1/exports", "text/plain", "dataset=payments".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void an_id_that_is_not_a_uuid_is_a_400_problem_naming_it() {
        Response response = api.get("/api/v1/exports/not-a-uuid");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void a_page_size_out_of_range_is_a_400_problem_naming_it() {
        assertThat(api.get("/api/v1/exports?size=0")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("size");
        assertThat(api.get("/api/v1/exports?size=1000").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/exports?page=-1").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/exports?page=x").status()).isEqualTo(400);
    }

    @Test
    void an_unknown_job_is_a_404_problem() {
        Response response = api.get("/api/v1/exports/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    private int jobsOfTrainer() {
        return jdbc.sql("select count(*) from export_job where trainer_id = :t")
                .param("t", trainerId)
                .query(Integer.class)
                .single();
    }
}
