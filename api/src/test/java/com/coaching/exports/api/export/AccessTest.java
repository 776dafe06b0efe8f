package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.embedded.DevTokens;
import com.coaching.exports.shared.secret.DevSecrets;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** docs/api.md, "Authentication": who may export, and what others are told. */
@ApiTest
class AccessTest {

    @Value("${local.server.port}")
    int port;

    ApiClient trainer;
    String jobOfTrainer;

    @BeforeEach
    void aTrainerWithAJob() {
        trainer = ApiClient.newTrainerOnPort(port);
        jobOfTrainer = trainer.post("/api/v1/exports", "{\"dataset\": \"payments\"}")
                .json()
                .get("id")
                .asString();
    }

    @Test
    void no_token_is_a_401_problem() {
        Response response = trainer.as(null).get("/api/v1/exports");

        assertUnauthenticated(response);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void a_token_signed_with_another_secret_is_a_401_problem() {
        String forged = DevTokens.forUser(DevSecrets.TEST_FORGED, "1", "TRAINER", Duration.ofHours(1));
        Response response = trainer.as(forged).get("/api/v1/exports");

        assertUnauthenticated(response);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void an_expired_token_is_a_401_problem() {
        String expired = DevTokens.forUser(Tokens.SECRET, "1", "TRAINER", Duration.ofMinutes(-5));
        Response response = trainer.as(expired).get("/api/v1/exports");

        assertUnauthenticated(response);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void a_token_whose_subject_is_not_a_user_id_is_a_401_problem() {
        String token = DevTokens.forUser(Tokens.SECRET, "alice", "TRAINER", Duration.ofHours(1));
        assertUnauthenticated(trainer.as(token).get("/api/v1/exports"));
    }

    @Test
    void a_trainee_is_told_only_trainers_can_export() {
        Response response = trainer.as(Tokens.withRole(Tokens.newTrainerId(), "TRAINEE"))
                .post("/api/v1/exports", "{\"dataset\": \"payments\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Only trainers can export");
    }

    @Test
    void an_admin_is_not_a_trainer_either() {
        assertThat(trainer.as(Tokens.withRole(1, "ADMIN"))
                        .get("/api/v1/exports")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void another_trainers_job_is_not_found_on_every_endpoint() {
        ApiClient other = trainer.as(Tokens.trainer(Tokens.newTrainerId()));
        String job = "/api/v1/exports/" + jobOfTrainer;

        assertThat(other.get(job).status()).isEqualTo(404);
        assertThat(other.get(job + "/download").status()).isEqualTo(404);
        assertThat(other.post(job + "/cancel", "").status()).isEqualTo(404);
        assertThat(other.delete(job).status()).isEqualTo(404);
        assertThat(trainer.get(job).json().get("status").asString()).isEqualTo("QUEUED");
    }

    private static void assertUnauthenticated(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }
}
