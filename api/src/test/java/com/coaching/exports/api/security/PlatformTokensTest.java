package com.coaching.exports.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.SimpleJwtTokens;
import com.coaching.exports.testkit.Tokens;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The API set up as the platform needs it (docs/api.md, "The platform's tokens"): the user in {@code user_id},
 * {@code token_type=access} required, the role read from {@code users.role}. The tokens are simplejwt's, byte
 * for byte ({@link SimpleJwtTokens}).
 */
@ApiTest
@TestPropertySource(
        properties = {
            "exports.jwt.user-claim=user_id",
            "exports.jwt.required-claims=token_type=access",
            "exports.jwt.role-source=database",
            "exports.jwt.role-query-timeout=1s"
        })
@Import(PlatformTokensTest.MovableClock.Config.class)
@DirtiesContext
class PlatformTokensTest {

    static final SimpleJwtTokens PLATFORM = new SimpleJwtTokens(Tokens.SECRET);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MovableClock clock;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    @Test
    void a_trainers_access_token_exports_and_lists_the_job() {
        ApiClient api = client(PLATFORM.access(user("TRAINER")));

        Response created = api.post("/api/v1/exports", "{\"dataset\": \"payments\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(api.get("/api/v1/exports").json().get("items").get(0).get("id"))
                .isEqualTo(created.json().get("id"));
    }

    @Test
    void the_same_trainers_refresh_token_is_a_401() {
        long trainer = user("TRAINER");

        assertUnauthenticated(client(PLATFORM.refresh(trainer)).get("/api/v1/exports"));
        assertThat(client(PLATFORM.access(trainer)).get("/api/v1/exports").status())
                .isEqualTo(200);
    }

    @Test
    void a_trainees_access_token_and_an_unknown_users_are_a_403_problem() {
        for (long user : new long[] {user("TRAINEE"), user("ADMIN"), user("trainer"), Tokens.newTrainerId()}) {
            Response response = client(PLATFORM.access(user)).get("/api/v1/exports");

            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.json().get("type").asString()).isEqualTo("/problems/forbidden");
        }
    }

    @Test
    void an_access_token_without_user_id_is_a_401_and_so_is_a_sub_and_role_token() {
        assertUnauthenticated(client(PLATFORM.accessWithoutUser()).get("/api/v1/exports"));
        assertUnauthenticated(client(Tokens.trainer(user("TRAINER"))).get("/api/v1/exports"));
    }

    @Test
    void a_user_id_written_as_a_string_names_the_same_user_and_anything_else_is_a_401() {
        long trainer = user("TRAINER");

        assertThat(client(accessWithUserId("\"" + trainer + "\""))
                        .get("/api/v1/exports")
                        .status())
                .isEqualTo(200);
        for (String notAnId :
                List.of("\"abc\"", "-" + trainer, trainer + ".5", "1e3", "true", "[" + trainer + "]", "null")) {
            assertUnauthenticated(client(accessWithUserId(notAnId)).get("/api/v1/exports"));
        }
    }

    @Test
    void a_token_type_other_than_access_or_none_is_a_401() {
        long trainer = user("TRAINER");
        for (String tokenType : List.of("\"refresh\"", "\"Access\"", "\"access \"", "[\"access\"]", "null")) {
            String claims = "{\"token_type\":" + tokenType + ",\"exp\":" + CraftedTokens.inAnHour() + ",\"user_id\":"
                    + trainer + "}";
            assertUnauthenticated(
                    client(CraftedTokens.hmac("HS256", Tokens.SECRET, claims)).get("/api/v1/exports"));
        }
        String noType = "{\"exp\":" + CraftedTokens.inAnHour() + ",\"user_id\":" + trainer + "}";
        assertUnauthenticated(
                client(CraftedTokens.hmac("HS256", Tokens.SECRET, noType)).get("/api/v1/exports"));
    }

    @Test
    void a_role_changed_in_users_is_seen_once_a_minute_has_passed_and_not_before() {
        long trainer = user("TRAINER");
        ApiClient api = client(PLATFORM.access(trainer));
        assertThat(api.get("/api/v1/exports").status()).isEqualTo(200);

        setRole(trainer, "TRAINEE");
        assertThat(api.get("/api/v1/exports").status()).isEqualTo(200);
        clock.move(Duration.ofSeconds(59));
        assertThat(api.get("/api/v1/exports").status()).isEqualTo(200);
        clock.move(Duration.ofSeconds(2));
        assertThat(api.get("/api/v1/exports").status()).isEqualTo(403);

        setRole(trainer, "TRAINER");
        assertThat(api.get("/api/v1/exports").status()).isEqualTo(403);
        clock.move(Duration.ofSeconds(61));
        assertThat(api.get("/api/v1/exports").status()).isEqualTo(200);
    }

    @Test
    void while_users_is_locked_the_answer_is_a_503_problem_within_the_query_timeout() throws Exception {
        ApiClient api = client(PLATFORM.access(user("TRAINER")));

        Response response;
        long took;
        try (Connection locker = dataSource.getConnection();
                Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("lock table users in access exclusive mode");
            long started = System.nanoTime();
            response = api.get("/api/v1/exports");
            took = System.nanoTime() - started;
            locker.rollback();
        }

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/service-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(5));
        assertThat(api.get("/api/v1/exports").status()).isEqualTo(200);
    }

    private static void assertUnauthenticated(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/unauthenticated");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    /** An access token as simplejwt makes it, with {@code user_id} the given JSON. */
    private static String accessWithUserId(String userIdJson) {
        String claims = "{\"token_type\":\"access\",\"exp\":" + CraftedTokens.inAnHour() + ",\"iat\":"
                + Instant.now().getEpochSecond() + ",\"jti\":\""
                + UUID.randomUUID().toString().replace("-", "")
                + "\",\"user_id\":" + userIdJson + "}";
        return CraftedTokens.hmac("HS256", Tokens.SECRET, claims);
    }

    private ApiClient client(String token) {
        return ApiClient.onPort(port, token);
    }

    /** A new user of the platform with this {@code users.role}. */
    private long user(String role) {
        return jdbc.sql("""
                insert into users (email, first_name, last_name, role, is_active, date_joined)
                values (:email, 'Pat', 'Platform', :role, true, now()) returning id""")
                .param("email", UUID.randomUUID() + "@example.com")
                .param("role", role)
                .query(Long.class)
                .single();
    }

    private void setRole(long user, String role) {
        jdbc.sql("update users set role = :role where id = :id")
                .param("role", role)
                .param("id", user)
                .update();
    }

    /** The API's clock: real time plus however far a test moved it. */
    static final class MovableClock extends Clock {

        private final AtomicLong aheadMillis = new AtomicLong();

        void move(Duration duration) {
            aheadMillis.addAndGet(duration.toMillis());
        }

        void reset() {
            aheadMillis.set(0);
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(aheadMillis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @TestConfiguration(proxyBeanMethods = false)
        static class Config {

            @Bean
            @Primary
            MovableClock movableClock() {
                return new MovableClock();
            }
        }
    }
}
