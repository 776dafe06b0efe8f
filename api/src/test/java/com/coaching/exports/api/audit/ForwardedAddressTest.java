package com.coaching.exports.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Behind a proxy ({@code SERVER_FORWARD_HEADERS_STRATEGY=native}, docs/operations.md) the address a
 * link issued is recorded with is the client's, as the proxy forwards it, not the proxy's.
 */
@ApiTest
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class ForwardedAddressTest {

    static final String WORKER = "forwarded-worker";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JobTransitions transitions;

    @Test
    void the_download_is_recorded_with_the_address_the_proxy_forwarded() {
        String token = Tokens.trainer(Tokens.newTrainerId());
        ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port), token);
        UUID id = UUID.fromString(api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString());
        transitions.claim(id, WORKER, Instant.now());
        transitions.succeed(
                id,
                Holder.of(WORKER, 1),
                new JobResult("trainees.csv", "exports/test/" + id, 1, 10, "ab".repeat(32), "text/csv", null),
                Instant.now());

        int status = api.exchange(
                        "GET",
                        "/api/v1/exports/" + id + "/download",
                        null,
                        "Authorization",
                        "Bearer " + token,
                        "X-Forwarded-For",
                        "203.0.113.9")
                .status();
        JsonNode history = api.get("/api/v1/exports/" + id).json().get("history");

        assertThat(status).isEqualTo(302);
        JsonNode download = history.get(3);
        assertThat(download.get("reason").asString()).isEqualTo("link issued");
        assertThat(download.get("address").asString()).isEqualTo("203.0.113.9");
        assertThat(history.get(4).get("address").asString()).isEqualTo("127.0.0.1");
    }
}
