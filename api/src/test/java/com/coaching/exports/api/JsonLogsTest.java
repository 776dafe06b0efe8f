package com.coaching.exports.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The json-logs profile: one JSON object a line, the job's fields in the message, never the token. */
@ApiTest
@ActiveProfiles("json-logs")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void a_created_job_is_one_json_log_line_with_its_id_trainer_and_dataset(CapturedOutput output) {
        long trainer = Tokens.newTrainerId();
        String token = Tokens.trainer(trainer);
        ApiClient api = ApiClient.onPort(port, token);

        String id = api.post("/api/v1/exports", "{\"dataset\": \"subscribers\"}")
                .json()
                .path("id")
                .asString();

        String line = output.getOut()
                .lines()
                .filter(l -> l.contains("job created job=" + id))
                .findFirst()
                .orElseThrow();
        JsonNode logged = JsonMapper.builder().build().readTree(line);
        assertThat(logged.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(logged.path("service").path("name").asString()).isEqualTo("exports-api");
        assertThat(logged.path("message").asString())
                .contains("job=" + id, "trainer=" + trainer, "dataset=subscribers");
        assertThat(output.getAll()).doesNotContain(token);
    }
}
