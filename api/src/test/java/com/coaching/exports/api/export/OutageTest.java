package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.api.support.BlackHole;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The API while a dependency is down, for real: nothing listens where it points. */
class OutageTest {

    @Nested
    @ApiTest
    @TestPropertySource(properties = {"spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=1"})
    @DirtiesContext
    class WhenTheBrokerIsDown {

        @Value("${local.server.port}")
        int port;

        @Autowired
        JdbcClient jdbc;

        @Test
        void a_request_is_still_accepted_and_its_message_waits_in_the_outbox() {
            ApiClient api = ApiClient.newTrainerOnPort(port);

            Response response = api.post("/api/v1/exports", "{\"dataset\": \"payments\"}");

            assertThat(response.status()).isEqualTo(202);
            UUID id = UUID.fromString(response.json().get("id").asString());
            assertThat(api.get("/api/v1/exports/" + id).json().get("status").asString())
                    .isEqualTo("QUEUED");
            assertThat(jdbc.sql("select count(*) from export_outbox where job_id = :id")
                            .param("id", id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Nested
    @ApiTest
    @DirtiesContext
    class WhenTheBrokerNeverAnswers {

        static final BlackHole broker = blackHole();

        @DynamicPropertySource
        static void brokerBehindABlackHole(DynamicPropertyRegistry registry) {
            registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
            registry.add("spring.rabbitmq.port", broker::port);
        }

        @Value("${local.server.port}")
        int port;

        @Autowired
        JdbcClient jdbc;

        @AfterAll
        static void closeIt() throws Exception {
            broker.close();
        }

        @Test
        void a_request_is_answered_at_once_and_its_message_waits_in_the_outbox() {
            ApiClient api = ApiClient.newTrainerOnPort(port);
            // the first request of a fresh application also warms up the server, the pool and the JIT
            assertThat(api.post("/api/v1/exports", "{\"dataset\": \"subscribers\"}")
                            .status())
                    .isEqualTo(202);

            long started = System.nanoTime();
            Response response = api.post("/api/v1/exports", "{\"dataset\": \"trainees\"}");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.status()).isEqualTo(202);
            // the request thread never waits on the broker (its connect timeout alone is 5 s)
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            UUID id = UUID.fromString(response.json().get("id").asString());
            assertThat(jdbc.sql("select count(*) from export_outbox where job_id = :id")
                            .param("id", id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }

        private static BlackHole blackHole() {
            try {
                return new BlackHole();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    @ApiTest
    @TestPropertySource(
            properties = {
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/exports",
                "spring.datasource.hikari.connection-timeout=250",
                "spring.flyway.enabled=false"
            })
    @DirtiesContext
    class WhenTheDatabaseIsDown {

        @Value("${local.server.port}")
        int port;

        @Test
        void requests_are_answered_with_a_503_problem_and_no_stack_trace() {
            ApiClient api = ApiClient.newTrainerOnPort(port);

            for (Response response : new Response[] {
                api.post("/api/v1/exports", "{\"dataset\": \"payments\"}"),
                api.get("/api/v1/exports"),
                api.get("/api/v1/exports/" + UUID.randomUUID())
            }) {
                assertThat(response.status()).as(response.toString()).isEqualTo(503);
                assertThat(response.contentType()).isEqualTo("application/problem+json");
                assertThat(response.header("Retry-After")).isEqualTo("5");
                assertThat(response.body()).doesNotContain("Exception", "jdbc:");
            }
        }
    }
}
