package com.coaching.exports.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** A trainer registers, lists and removes webhook endpoints, sees their tries, and sends a test event. */
@ApiTest
class WebhooksApiTest {

    static final String BODY = "{\"url\": \"https://hooks.example.com/exports\", \"events\": [\"export.succeeded\","
            + " \"export.failed\"]}";

    @Value("${local.server.port}")
    int port;

    ApiClient trainer;

    @BeforeEach
    void aTrainer() {
        trainer = new ApiClient(URI.create("http://localhost:" + port), Tokens.trainer(Tokens.newTrainerId()));
    }

    @Test
    void a_registered_endpoint_is_answered_once_with_its_secret_and_listed_without_it() {
        Response created = trainer.post("/api/v1/webhooks", BODY);

        assertThat(created.status()).isEqualTo(201);
        JsonNode webhook = created.json();
        String id = webhook.get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/webhooks/" + id);
        assertThat(webhook.get("url").asString()).isEqualTo("https://hooks.example.com/exports");
        assertThat(webhook.get("events").toString()).isEqualTo("[\"export.succeeded\",\"export.failed\"]");
        String secret = webhook.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSizeGreaterThanOrEqualTo(24);

        Response listed = trainer.get("/api/v1/webhooks");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items")).hasSize(1);
        assertThat(listed.json().get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(listed.body()).doesNotContain("secret").doesNotContain(secret);
    }

    @Test
    void a_removed_endpoint_is_gone() {
        String id = trainer.post("/api/v1/webhooks", BODY).json().get("id").asString();

        assertThat(trainer.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);

        assertThat(trainer.get("/api/v1/webhooks").json().get("items")).isEmpty();
        assertThat(trainer.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void another_trainers_endpoint_is_a_404_whatever_is_asked_of_it() {
        String id = trainer.post("/api/v1/webhooks", BODY).json().get("id").asString();
        ApiClient other = trainer.as(Tokens.trainer(Tokens.newTrainerId()));

        assertNotFound(other.get("/api/v1/webhooks/" + id + "/deliveries"));
        assertNotFound(other.post("/api/v1/webhooks/" + id + "/test", ""));
        assertNotFound(other.delete("/api/v1/webhooks/" + id));
        assertThat(other.get("/api/v1/webhooks").json().get("items")).isEmpty();
        assertThat(trainer.get("/api/v1/webhooks").json().get("items")).hasSize(1);
    }

    @Test
    void an_eleventh_endpoint_is_refused() {
        for (int i = 0; i < 10; i++) {
            assertThat(trainer.post("/api/v1/webhooks", BODY).status()).isEqualTo(201);
        }

        Response eleventh = trainer.post("/api/v1/webhooks", BODY);

        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.contentType()).isEqualTo("application/problem+json");
        assertThat(eleventh.json().get("type").asString()).isEqualTo("/problems/too-many-webhooks");
        assertThat(trainer.get("/api/v1/webhooks").json().get("items")).hasSize(10);
    }

    @Test
    void a_test_event_is_queued_and_its_endpoint_has_no_tries_yet() {
        String id = trainer.post("/api/v1/webhooks", BODY).json().get("id").asString();

        Response test = trainer.post("/api/v1/webhooks/" + id + "/test", "");

        assertThat(test.status()).isEqualTo(202);
        assertThat(test.json().get("event").asString()).isEqualTo("webhook.test");
        Response deliveries = trainer.get("/api/v1/webhooks/" + id + "/deliveries");
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.json().get("items")).isEmpty();
    }

    @Test
    void
            an_eleventh_test_event_within_a_minute_is_a_429_saying_when_to_try_again_and_other_endpoints_are_not_held_back() {
        String id = trainer.post("/api/v1/webhooks", BODY).json().get("id").asString();
        String other = trainer.post("/api/v1/webhooks", BODY).json().get("id").asString();
        for (int i = 0; i < 10; i++) {
            assertThat(trainer.post("/api/v1/webhooks/" + id + "/test", "").status())
                    .isEqualTo(202);
        }

        Response eleventh = trainer.post("/api/v1/webhooks/" + id + "/test", "");

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.contentType()).isEqualTo("application/problem+json");
        assertThat(eleventh.json().get("type").asString()).isEqualTo("/problems/too-many-test-events");
        assertThat(Integer.parseInt(eleventh.header("Retry-After"))).isBetween(1, 60);
        assertThat(trainer.post("/api/v1/webhooks/" + other + "/test", "").status())
                .isEqualTo(202);
    }

    @Test
    void a_bad_url_or_event_is_a_400_naming_the_field() {
        assertInvalid(trainer.post("/api/v1/webhooks", "{\"events\": [\"export.succeeded\"]}"), "url");
        assertInvalid(
                trainer.post(
                        "/api/v1/webhooks", "{\"url\": \"http://hooks.example.com\", \"events\": [\"export.failed\"]}"),
                "url");
        assertInvalid(
                trainer.post(
                        "/api/v1/webhooks", "{\"url\": \"ftp://hooks.example.com\", \"events\": [\"export.failed\"]}"),
                "url");
        assertInvalid(
                trainer.post("/api/v1/webhooks", "{\"url\": \"https://hooks.example.com\", \"events\": []}"), "events");
        assertInvalid(
                trainer.post(
                        "/api/v1/webhooks",
                        "{\"url\": \"https://hooks.example.com\", \"events\": [\"export.started\"]}"),
                "events");
        assertInvalid(trainer.get("/api/v1/webhooks/not-a-uuid/deliveries"), "id");
    }

    private static void assertInvalid(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
