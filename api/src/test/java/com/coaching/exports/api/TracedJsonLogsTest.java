package com.coaching.exports.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.tracing.TracingSwitch;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracing on (an OTLP endpoint; nothing listens there, the spans are dropped) and JSON logs: the job's
 * trace id is in its JSON, in its log line's fields and in its message's {@code traceparent} header.
 * (TracingTest, in local, follows a trace into a worker and reads the spans.)
 */
@ApiTest
@ActiveProfiles("json-logs")
@TestPropertySource(properties = TracingSwitch.ENDPOINT + "=http://127.0.0.1:9/v1/traces")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class TracedJsonLogsTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Test
    void a_created_jobs_json_its_json_log_line_and_its_message_name_one_trace(CapturedOutput output) {
        ApiClient api = ApiClient.onPort(port, Tokens.trainer(Tokens.newTrainerId()));

        JsonNode job =
                api.post("/api/v1/exports", "{\"dataset\": \"subscribers\"}").json();

        String id = job.path("id").asString();
        String traceId = job.path("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        String line = output.getOut()
                .lines()
                .filter(l -> l.contains("job created job=" + id))
                .findFirst()
                .orElseThrow();
        assertThat(JsonMapper.builder().build().readTree(line).path("traceId").asString())
                .isEqualTo(traceId);
        assertThat(api.get("/api/v1/exports/" + id).json().path("traceId").asString())
                .isEqualTo(traceId);
        Object traceparent = messageOf(id).getMessageProperties().getHeader("traceparent");
        assertThat(String.valueOf(traceparent)).matches("00-" + traceId + "-[0-9a-f]{16}-01");
    }

    private Message messageOf(String jobId) {
        Message message;
        while ((message = rabbit.receive(ExportMessages.QUEUE, 5000)) != null) {
            if (jobId.equals(message.getMessageProperties().getMessageId())) {
                return message;
            }
        }
        throw new AssertionError("no message for job " + jobId);
    }
}
