package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The job's {@code history}, as the trainer reads it on one job and in the list (every answer is
 * checked against {@code /v3/api-docs} by {@link ApiClient}).
 */
@ApiTest
class JobHistoryViewTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void newTrainer() {
        api = ApiClient.newTrainerOnPort(port);
    }

    @Test
    void a_new_job_shows_its_creation_and_a_cancelled_one_who_cancelled_it_oldest_first() {
        JsonNode created =
                api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}").json();
        String id = created.get("id").asString();

        api.post("/api/v1/exports/" + id + "/cancel", "");
        JsonNode history = api.get("/api/v1/exports/" + id).json().get("history");

        assertThat(created.get("history").toString())
                .isEqualTo("[{\"from\":null,\"to\":\"QUEUED\",\"at\":\""
                        + created.get("createdAt").asString() + "\",\"by\":\"trainer\",\"reason\":null}]");
        assertThat(history).hasSize(2);
        assertThat(history.get(0)).isEqualTo(created.get("history").get(0));
        assertThat(history.get(1).get("from").asString()).isEqualTo("QUEUED");
        assertThat(history.get(1).get("to").asString()).isEqualTo("CANCELLED");
        assertThat(history.get(1).get("by").asString()).isEqualTo("trainer");
        assertThat(history.get(1).get("reason").asString()).isEqualTo("cancelled by trainer");
        assertThat(Instant.parse(history.get(1).get("at").asString()))
                .isAfterOrEqualTo(Instant.parse(history.get(0).get("at").asString()));
    }

    @Test
    void the_list_shows_each_jobs_own_history() {
        String cancelled = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/exports/" + cancelled + "/cancel", "");
        String queued = api.post("/api/v1/exports", "{\"dataset\": \"subscribers\"}")
                .json()
                .get("id")
                .asString();

        JsonNode items = api.get("/api/v1/exports").json().get("items");

        assertThat(items.valueStream().map(job -> job.get("id").asString())).containsExactly(queued, cancelled);
        assertThat(items.get(0)
                        .get("history")
                        .valueStream()
                        .map(move -> move.get("to").asString()))
                .containsExactly("QUEUED");
        assertThat(items.get(1)
                        .get("history")
                        .valueStream()
                        .map(move -> move.get("to").asString()))
                .containsExactly("QUEUED", "CANCELLED");
    }

    @Test
    void a_deleted_job_leaves_no_history_behind() {
        String id = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString();

        assertThat(api.delete("/api/v1/exports/" + id).status()).isEqualTo(204);

        assertThat(jdbc.sql("select count(*) from export_job_event where job_id = cast(:id as uuid)")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
