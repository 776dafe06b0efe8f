package com.coaching.exports.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.embedded.DevTokens;
import com.coaching.exports.shared.secret.DevSecrets;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.Tokens;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/api.md's authentication, endpoints and errors probed the way an attacker or a careless client would: over real HTTP, on
 * every endpoint. Each refusal is the right problem+json, and leaves the database as it was.
 *
 * <p>Every bad token below claims to be the trainer who owns a queued job, so a token that got
 * through would show up as that job read, cancelled or deleted.
 */
@ApiTest
class SecuritySuiteTest {

    private static final String EXPORTS = "/api/v1/exports";
    private static final String OTHER_SECRET = DevSecrets.TEST_FORGED;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The calls of docs/api.md, "Endpoints"; {@code {id}} is replaced by a job id. */
    enum Endpoint {
        LIST("GET", EXPORTS, null),
        CREATE("POST", EXPORTS, "{\"dataset\": \"payments\"}"),
        READ("GET", EXPORTS + "/{id}", null),
        DOWNLOAD("GET", EXPORTS + "/{id}/download", null),
        CANCEL("POST", EXPORTS + "/{id}/cancel", null),
        DELETE("DELETE", EXPORTS + "/{id}", null);

        static final List<Endpoint> WITH_ID = List.of(READ, DOWNLOAD, CANCEL, DELETE);

        final String method;
        final String path;
        final String body;

        Endpoint(String method, String path, String body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }

        String path(String id) {
            return path.replace("{id}", id);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    private long owner;
    private ApiClient ownersApi;
    private String ownersJob;

    @BeforeEach
    void aTrainerWithAQueuedJob() {
        owner = Tokens.newTrainerId();
        ownersApi = new ApiClient(base(), Tokens.trainer(owner));
        Response created = ownersApi.post(EXPORTS, "{\"dataset\": \"payments\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        ownersJob = created.json().get("id").asString();
    }

    // 1. Tokens: whatever is wrong with the credential, the answer is 401 and nothing happens

    /** A credential that must not get in, as the Authorization header it makes for a user id (null: no header). */
    record BadCredential(String name, LongFunction<String> authorization) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadCredential> badCredentials() {
        return Stream.of(
                bad("no Authorization header", user -> null),
                bad(
                        "an unsecured token (alg none)",
                        user -> bearer(DevTokens.unsecured(trainerClaims(user).build()))),
                bad(
                        "alg None spelled otherwise, with no signature",
                        user -> bearer(CraftedTokens.unsigned("None", CraftedTokens.claims(id(user), "TRAINER")))),
                bad(
                        "a token signed with another secret",
                        user -> bearer(DevTokens.forUser(OTHER_SECRET, id(user), "TRAINER", Duration.ofHours(1)))),
                bad(
                        "an HS384 token with the right secret",
                        user -> bearer(
                                CraftedTokens.hmac("HS384", Tokens.SECRET, CraftedTokens.claims(id(user), "TRAINER")))),
                bad(
                        "an HS512 token with the right secret",
                        user -> bearer(
                                CraftedTokens.hmac("HS512", Tokens.SECRET, CraftedTokens.claims(id(user), "TRAINER")))),
                bad(
                        "another user's token with its claims edited to this user",
                        user -> bearer(CraftedTokens.withClaims(
                                Tokens.trainer(Tokens.newTrainerId()), CraftedTokens.claims(id(user), "TRAINER")))),
                bad("a token with its signature cut off", user -> {
                    String token = Tokens.trainer(user);
                    return bearer(token.substring(0, token.lastIndexOf('.') + 1));
                }),
                bad(
                        "a token that expired five minutes ago",
                        user -> bearer(DevTokens.forUser(Tokens.SECRET, id(user), "TRAINER", Duration.ofMinutes(-5)))),
                bad(
                        "a token without exp",
                        user -> bearer(DevTokens.signed(
                                Tokens.SECRET,
                                new JWTClaimsSet.Builder()
                                        .subject(id(user))
                                        .claim("role", "TRAINER")
                                        .build()))),
                bad(
                        "a token not valid before an hour from now",
                        user -> bearer(DevTokens.signed(
                                Tokens.SECRET,
                                trainerClaims(user)
                                        .notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                                        .build()))),
                bad(
                        "a token without sub",
                        user -> bearer(DevTokens.signed(
                                Tokens.SECRET, trainerClaims(user).subject(null).build()))),
                bad("a sub that is a name", user -> withSubject("trainer-" + user)),
                bad("a sub that is empty", user -> withSubject("")),
                bad("a negative sub", user -> withSubject("-" + user)),
                bad("a decimal sub", user -> withSubject(user + ".0")),
                bad("a sub in exponent notation", user -> withSubject("1e3")),
                bad("a sub with a plus sign", user -> withSubject("+" + user)),
                bad("a sub with a space before it", user -> withSubject(" " + user)),
                bad("a sub one past the largest long", user -> withSubject("9223372036854775808")),
                bad("a sub far beyond a long", user -> withSubject("99999999999999999999999999")),
                bad("the string abc", user -> "Bearer abc"),
                bad("the string a.b.c", user -> "Bearer a.b.c"),
                bad("an empty bearer token", user -> "Bearer "),
                bad("two tokens in one header", user -> "Bearer " + Tokens.trainer(user) + " " + Tokens.trainer(user)),
                bad(
                        "Basic credentials",
                        user -> "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":password").getBytes(StandardCharsets.UTF_8))),
                bad("a valid token under another scheme", user -> "Token " + Tokens.trainer(user)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void a_bad_credential_is_a_401_problem_on_every_endpoint_and_changes_nothing(BadCredential credential) {
        String authorization = credential.authorization().apply(owner);

        for (Endpoint endpoint : Endpoint.values()) {
            assertUnauthenticated(call(endpoint, ownersJob, authorization), endpoint);
        }
        assertOwnersJobUntouched();
    }

    @Test
    void while_no_audience_or_issuer_is_set_a_token_naming_any_is_accepted() {
        String token = DevTokens.signed(
                Tokens.SECRET,
                trainerClaims(owner)
                        .audience("some-other-service")
                        .issuer("https://anyone.example.com/")
                        .build());

        assertThat(new ApiClient(base(), token).get(EXPORTS + "/" + ownersJob).status())
                .isEqualTo(200);
    }

    @Test
    void a_valid_token_in_the_query_string_is_not_accepted() {
        Response response = send("GET", EXPORTS + "?access_token=" + Tokens.trainer(owner), null);

        assertUnauthenticated(response, Endpoint.LIST);
    }

    @Test
    void a_client_that_asks_for_html_is_still_told_401_in_problem_json() {
        Response response = send("GET", EXPORTS, null, "Accept", "text/html");

        assertUnauthenticated(response, Endpoint.LIST);
    }

    // 2. Roles: only TRAINER, spelled exactly so, may export

    @ParameterizedTest(name = "role {0}")
    @ValueSource(
            strings = {
                "\"TRAINEE\"",
                "\"ADMIN\"",
                "\"trainer\"",
                "\"Trainer\"",
                "\" TRAINER\"",
                "\"ROLE_TRAINER\"",
                "\"\"",
                "null",
                "[\"TRAINER\"]",
                "{\"name\": \"TRAINER\"}",
                "no role claim"
            })
    void a_token_whose_role_is_not_TRAINER_is_a_403_problem_on_every_endpoint_and_changes_nothing(String role) {
        String claims = "{\"sub\":\"" + owner + "\",\"exp\":" + CraftedTokens.inAnHour()
                + (role.equals("no role claim") ? "" : ",\"role\":" + role) + "}";
        String authorization = bearer(CraftedTokens.hmac("HS256", Tokens.SECRET, claims));

        for (Endpoint endpoint : Endpoint.values()) {
            Response response = call(endpoint, ownersJob, authorization);
            assertProblem(response, 403, "/problems/forbidden", endpoint);
            assertThat(response.json().get("title").asString()).isEqualTo("Only trainers can export");
        }
        assertOwnersJobUntouched();
    }

    @Test
    void a_sub_given_as_a_json_integer_names_that_user_and_any_other_json_number_is_a_401_problem() {
        // RFC 7519 wants a string, but Spring reads every sub as one: the issuer signed 42, so it means user 42.
        // Only a number that reads as a plain decimal id gets through, just as with a string sub.
        assertThat(call(Endpoint.READ, ownersJob, numericSub(Long.toString(owner)))
                        .status())
                .isEqualTo(200);

        for (String number : List.of("-" + owner, owner + ".5", "1e3", "99999999999999999999999999")) {
            assertUnauthenticated(call(Endpoint.READ, ownersJob, numericSub(number)), Endpoint.READ);
        }
        assertOwnersJobUntouched();
    }

    // 3. Another trainer's job: the same 404 as an id nobody has, on every endpoint, and the job stays as it was

    @Test
    void another_trainers_job_is_a_404_like_an_unknown_id_on_every_endpoint_and_stays_queued() {
        String intruder = bearer(Tokens.trainer(Tokens.newTrainerId()));
        String unknown = UUID.randomUUID().toString();

        for (Endpoint endpoint : Endpoint.WITH_ID) {
            Response theirs = call(endpoint, ownersJob, intruder);
            Response nobodys = call(endpoint, unknown, intruder);

            assertProblem(theirs, 404, "/problems/not-found", endpoint);
            assertThat(theirs.header("Location")).isNull();
            assertThat(theirs.body().replace(ownersJob, unknown))
                    .as(endpoint.toString())
                    .isEqualTo(nobodys.body());
        }
        assertOwnersJobUntouched();
        assertThat(ownersApi.get(EXPORTS + "/" + ownersJob).json().get("status").asString())
                .isEqualTo("QUEUED");
    }

    @Test
    void another_trainers_finished_job_is_a_404_too_never_a_409_or_a_link() {
        jdbc.sql("""
                update export_job set status = 'SUCCEEDED', started_at = now(), finished_at = now(),
                       file_name = 'payments.csv', object_key = 'exports/x/payments.csv', row_count = 1,
                       size_bytes = 10, sha256 = 'ab', content_type = 'text/csv'
                 where id = :id""").param("id", UUID.fromString(ownersJob)).update();
        String intruder = bearer(Tokens.trainer(Tokens.newTrainerId()));

        for (Endpoint endpoint : Endpoint.WITH_ID) {
            Response response = call(endpoint, ownersJob, intruder);
            assertProblem(response, 404, "/problems/not-found", endpoint);
            assertThat(response.header("Location")).isNull();
        }
        assertThat(statusOf(ownersJob)).isEqualTo("SUCCEEDED");
    }

    @Test
    void another_trainers_jobs_are_not_listed() {
        Response page = ownersApi.as(Tokens.trainer(Tokens.newTrainerId())).get(EXPORTS);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("totalItems").asLong()).isZero();
        assertThat(page.body()).doesNotContain(ownersJob);
    }

    // 4. Ids that are not UUIDs: 400 naming id, on every endpoint that takes one

    @ParameterizedTest(name = "id {0}")
    @ValueSource(
            strings = {
                "not-a-uuid",
                "123",
                "0b6f2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b0",
                "0b6f2a4e1c2d4e5f8a9b0c1d2e3f4a5b",
                "0b6f2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5g",
                "%27%20or%20%271%27%3D%271",
                "%3Cscript%3Ealert(1)%3C",
                "%20",
                "null",
                "-1"
            })
    void an_id_that_is_not_a_uuid_is_a_400_problem_naming_id_on_every_endpoint(String id) {
        for (Endpoint endpoint : Endpoint.WITH_ID) {
            Response response = call(endpoint, id, bearer(Tokens.trainer(owner)));

            assertProblem(response, 400, "/problems/invalid-request", endpoint);
            assertThat(fieldAtFault(response)).as(endpoint.toString()).isEqualTo("id");
        }
        // the emailed link needs no token
        Response link = send("GET", EXPORTS + "/" + id + "/file?expires=1&signature=x", null);
        assertProblem(link, 400, "/problems/invalid-request", null);
        assertThat(fieldAtFault(link)).isEqualTo("id");
        assertOwnersJobUntouched();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ?signature=x            | expires
            ?expires=1              | signature
            ?expires=x&signature=x  | expires
            """)
    void an_emailed_link_without_its_expiry_or_signature_is_a_400_problem_naming_it(String query, String field) {
        Response response = send("GET", EXPORTS + "/" + ownersJob + "/file" + query, null);

        assertProblem(response, 400, "/problems/invalid-request", null);
        assertThat(fieldAtFault(response)).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/v1/exports/%2e%2e/x",
                "/api/v1/exports;jsessionid=x",
                "//api/v1/exports",
                "/api/v1/exports/%252e%252e"
            })
    void a_path_the_firewall_refuses_is_a_400_problem(String path) {
        Response response = send("GET", path, null, "Authorization", bearer(Tokens.trainer(owner)));

        assertProblem(response, 400, "/problems/invalid-request", null);
    }

    @Test
    void a_bad_bearer_token_on_the_emailed_link_is_a_401_problem_though_the_link_needs_none() {
        Response response = send(
                "GET", EXPORTS + "/" + ownersJob + "/file?expires=1&signature=x", null, "Authorization", "Bearer abc");

        assertUnauthenticated(response, null);
    }

    @Test
    void the_error_page_asked_for_directly_is_a_404_problem_not_a_500() {
        Response response = send("GET", "/error", null);

        assertProblem(response, 404, "/problems/not-found", null);
    }

    // 5. Bad fields beyond those in BadInputTest: 400 naming the field, no job

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"dataset": null}                                     | dataset
            {"dataset": ""}                                       | dataset
            {"dataset": "PAYMENTS"}                               | dataset
            {"dataset": " payments"}                              | dataset
            {"dataset": ["payments"]}                             | dataset
            {"dataset": {"id": "payments"}}                       | dataset
            {"dataset": true}                                     | dataset
            {"dataset": "payments", "days": 2147483648}           | days
            {"dataset": "payments", "days": 99999999999999999999} | days
            {"dataset": "payments", "days": -2147483649}          | days
            {"dataset": "payments", "days": 1e2}                  | days
            {"dataset": "payments", "days": ""}                   | days
            {"dataset": "payments", "days": " "}                  | days
            {"dataset": "payments", "days": [30]}                 | days
            {"dataset": "payments", "days": {"value": 30}}        | days
            {"dataset": "payments", "notify": 1}                  | notify
            {"dataset": "payments", "notify": "true"}             | notify
            {"dataset": "payments", "notify": ""}                 | notify
            {"dataset": "payments", "notify": " "}                | notify
            {"dataset": "payments", "notify": [true]}             | notify
            {"dataset": "payments", "notify": {}}                 | notify
            {"dataset": "payments", "compression": ["gzip"]}      | compression
            {"dataset": "payments", "compression": "GZIP"}        | compression
            {"dataset": "trainees", "dataset": "payments"}        | dataset
            {"dataset": "payments", "days": 30, "days": 400}      | days
            {"dataset": "payments", "notify": true, "notify": false} | notify
            """)
    void a_bad_field_is_a_400_problem_naming_it_and_no_job_is_made(String body, String field) {
        Trainer fresh = freshTrainer();

        Response response = fresh.api().post(EXPORTS, body);

        assertProblem(response, 400, "/problems/invalid-request", Endpoint.CREATE);
        assertThat(fieldAtFault(response)).isEqualTo(field);
        assertThat(response.json().get("detail").asString()).contains(field);
        assertThat(jobsOf(fresh)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "null",
                "\"payments\"",
                "{}x",
                "{\"dataset\": \"payments\"} {\"dataset\": \"trainees\"}",
                "{\"dataset\": \"payments\" /* a comment */}",
                "{\"dataset\": \"payments\", \"days\": NaN}",
                "{'dataset': 'payments'}"
            })
    void a_body_that_is_not_one_json_object_is_a_400_problem_and_no_job_is_made(String body) {
        Trainer fresh = freshTrainer();

        Response response = fresh.api().post(EXPORTS, body);

        assertProblem(response, 400, "/problems/invalid-request", Endpoint.CREATE);
        assertThat(jobsOf(fresh)).isZero();
    }

    @Test
    void null_for_an_optional_field_means_its_default() {
        // JSON null is "not given": days falls back to 30 and notify to false, as if the field were absent
        Trainer fresh = freshTrainer();

        Response response = fresh.api().post(EXPORTS, "{\"dataset\": \"payments\", \"days\": null, \"notify\": null}");

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().get("parameters").get("days").asInt()).isEqualTo(30);
        assertThat(jdbc.sql("select notify from export_job where id = :id")
                        .param("id", UUID.fromString(response.json().get("id").asString()))
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    // 6. SQL and script text: refused as data, never run, never served as HTML

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "payments'; drop table export_job; --",
                "payments' or '1'='1",
                "<script>alert(1)</script>",
                "\"><img src=x onerror=alert(1)>",
                "${jndi:ldap://example.com/a}"
            })
    void sql_or_script_in_a_string_field_is_a_400_problem_and_changes_nothing(String text) {
        for (String field : List.of("dataset", "compression")) {
            Trainer fresh = freshTrainer();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dataset", field.equals("dataset") ? text : "payments");
            if (field.equals("compression")) {
                body.put("compression", text);
            }

            Response response = fresh.api().post(EXPORTS, JSON.writeValueAsString(body));

            assertProblem(response, 400, "/problems/invalid-request", Endpoint.CREATE);
            assertThat(fieldAtFault(response)).isEqualTo(field);
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.body()).doesNotContain(text);
            assertThat(jobsOf(fresh)).isZero();
        }
        assertTheJobTableIsIntact();
    }

    @Test
    void script_as_a_field_name_is_named_back_only_as_json_text() {
        Trainer fresh = freshTrainer();
        String script = "<script>alert(1)</script>";

        Response response =
                fresh.api().post(EXPORTS, JSON.writeValueAsString(Map.of("dataset", "payments", script, 1)));

        assertProblem(response, 400, "/problems/invalid-request", Endpoint.CREATE);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(fieldAtFault(response)).isEqualTo(script);
        assertThat(jobsOf(fresh)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"'; drop table export_job; --", "<script>alert(1)</script>", "k' or '1'='1"})
    void sql_or_script_in_the_idempotency_key_is_an_opaque_key_stored_as_given(String key) {
        // the key is the client's opaque string (as Stripe's and the IETF draft's are): parameters keep it data
        Trainer fresh = freshTrainer();

        Response refused = fresh.api().post(EXPORTS, "{\"dataset\": \"invoices\"}", "Idempotency-Key", key);
        assertProblem(refused, 400, "/problems/invalid-request", Endpoint.CREATE);
        assertThat(jobsOf(fresh)).isZero();

        Response first = fresh.api().post(EXPORTS, "{\"dataset\": \"payments\"}", "Idempotency-Key", key);
        Response again = fresh.api().post(EXPORTS, "{\"dataset\": \"payments\"}", "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.body()).doesNotContain(key);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(jdbc.sql("select idempotency_key from export_job where trainer_id = :t")
                        .param("t", fresh.id())
                        .query(String.class)
                        .list())
                .containsExactly(key);
        assertTheJobTableIsIntact();
    }

    @Test
    void sql_in_a_query_parameter_is_a_400_problem_naming_it() {
        Response response = ownersApi.get(EXPORTS + "?page=0%3B%20drop%20table%20export_job%3B%20--");

        assertProblem(response, 400, "/problems/invalid-request", Endpoint.LIST);
        assertThat(fieldAtFault(response)).isEqualTo("page");
        assertTheJobTableIsIntact();
    }

    // 7. Content types: only JSON is read; anything else is 415 and no job

    @ParameterizedTest(name = "Content-Type {0}")
    @ValueSource(
            strings = {
                "text/plain",
                "application/xml",
                "text/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "application/octet-stream",
                "text/html",
                "no Content-Type",
                "not a media type",
                "<script>alert(1)</script>"
            })
    void a_body_that_is_not_labelled_json_is_a_415_problem_and_no_job_is_made(String contentType) {
        Trainer fresh = freshTrainer();
        String[] headers = contentType.equals("no Content-Type")
                ? new String[] {"Authorization", bearer(fresh.token())}
                : new String[] {"Authorization", bearer(fresh.token()), "Content-Type", contentType};

        Response response = send("POST", EXPORTS, "{\"dataset\": \"payments\"}", headers);

        assertProblem(response, 415, "/problems/unsupported-media-type", Endpoint.CREATE);
        assertThat(response.header("Accept")).contains("application/json");
        assertThat(response.body()).doesNotContain("<script>");
        assertThat(jobsOf(fresh)).isZero();
    }

    @ParameterizedTest(name = "Content-Type {0}")
    @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON"})
    void json_with_a_charset_or_in_other_case_is_still_json(String contentType) {
        Trainer fresh = freshTrainer();

        Response response = send(
                "POST",
                EXPORTS,
                "{\"dataset\": \"payments\"}",
                "Authorization",
                bearer(fresh.token()),
                "Content-Type",
                contentType);

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    // 8. Methods: 405 with Allow, and nothing changes

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            PUT,    /api/v1/exports/{id},          'GET, DELETE'
            PATCH,  /api/v1/exports/{id},          'GET, DELETE'
            POST,   /api/v1/exports/{id},          'GET, DELETE'
            PUT,    /api/v1/exports,               'GET, POST'
            PATCH,  /api/v1/exports,               'GET, POST'
            DELETE, /api/v1/exports,               'GET, POST'
            GET,    /api/v1/exports/{id}/cancel,   POST
            DELETE, /api/v1/exports/{id}/cancel,   POST
            POST,   /api/v1/exports/{id}/download, GET
            """)
    void an_unsupported_method_is_a_405_problem_naming_the_allowed_ones_and_changes_nothing(
            String method, String path, String allowed) {
        Response response = send(
                method,
                path.replace("{id}", ownersJob),
                "{\"status\": \"CANCELLED\"}",
                "Authorization",
                bearer(Tokens.trainer(owner)),
                "Content-Type",
                "application/json");

        assertProblem(response, 405, "/problems/method-not-allowed", null);
        assertThat(response.header("Allow")).isNotNull();
        assertThat(List.of(response.header("Allow").split(",\\s*"))).containsAll(List.of(allowed.split(",\\s*")));
        assertOwnersJobUntouched();
    }

    @Test
    void trace_is_a_405_problem() {
        Response response = send("TRACE", EXPORTS, null, "Authorization", bearer(Tokens.trainer(owner)));

        assertProblem(response, 405, "/problems/method-not-allowed", null);
        assertThat(response.body()).doesNotContain("Bearer");
    }

    // helpers

    private static BadCredential bad(String name, LongFunction<String> authorization) {
        return new BadCredential(name, authorization);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String id(long user) {
        return Long.toString(user);
    }

    private static JWTClaimsSet.Builder trainerClaims(long user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(id(user))
                .claim("role", "TRAINER")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    private static String numericSub(String jsonNumber) {
        return bearer(CraftedTokens.hmac(
                "HS256",
                Tokens.SECRET,
                "{\"sub\":" + jsonNumber + ",\"role\":\"TRAINER\",\"exp\":" + CraftedTokens.inAnHour() + "}"));
    }

    private static String withSubject(String subject) {
        return bearer(DevTokens.forUser(Tokens.SECRET, subject, "TRAINER", Duration.ofHours(1)));
    }

    private URI base() {
        return URI.create("http://localhost:" + port);
    }

    /** A trainer with no jobs yet. */
    private Trainer freshTrainer() {
        long id = Tokens.newTrainerId();
        return new Trainer(id, Tokens.trainer(id), new ApiClient(base(), Tokens.trainer(id)));
    }

    record Trainer(long id, String token, ApiClient api) {}

    private int jobsOf(Trainer trainer) {
        return jdbc.sql("select count(*) from export_job where trainer_id = :t")
                .param("t", trainer.id())
                .query(Integer.class)
                .single();
    }

    private String statusOf(String job) {
        return jdbc.sql("select status from export_job where id = :id")
                .param("id", UUID.fromString(job))
                .query(String.class)
                .single();
    }

    private void assertOwnersJobUntouched() {
        Map<String, Object> row = jdbc.sql("select status, cancel_requested from export_job where id = :id")
                .param("id", UUID.fromString(ownersJob))
                .query()
                .singleRow();
        assertThat(row).containsEntry("status", "QUEUED").containsEntry("cancel_requested", false);
        assertThat(jdbc.sql("select count(*) from export_job where trainer_id = :t")
                        .param("t", owner)
                        .query(Integer.class)
                        .single())
                .as("the owner's jobs")
                .isEqualTo(1);
    }

    private void assertTheJobTableIsIntact() {
        assertThat(jdbc.sql("select to_regclass('export_job') is not null")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from export_job where id = :id")
                        .param("id", UUID.fromString(ownersJob))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private static String fieldAtFault(Response response) {
        JsonNode errors = response.json().path("errors");
        assertThat(errors.isArray()).as("errors in " + response).isTrue();
        return errors.path(0).path("field").asString();
    }

    private static void assertUnauthenticated(Response response, Endpoint endpoint) {
        assertProblem(response, 401, "/problems/unauthenticated", endpoint);
        assertThat(response.header("WWW-Authenticate"))
                .as(endpoint + " WWW-Authenticate")
                .startsWith("Bearer");
    }

    private static void assertProblem(Response response, int status, String type, Endpoint endpoint) {
        String where = endpoint + " → " + response;
        assertThat(response.status()).as(where).isEqualTo(status);
        assertThat(response.contentType()).as(where).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asString()).as(where).isEqualTo(type);
        assertThat(problem.path("title").asString()).as(where).isNotBlank();
        assertThat(problem.path("status").asInt()).as(where).isEqualTo(status);
        assertThat(problem.path("detail").asString()).as(where).isNotBlank();
        assertThat(response.body()).as(where).doesNotContain("Exception", "\tat ", "at org.", "at com.", "\"trace\"");
    }

    private Response call(Endpoint endpoint, String id, String authorization) {
        List<String> headers = new java.util.ArrayList<>();
        if (authorization != null) {
            headers.addAll(List.of("Authorization", authorization));
        }
        if (endpoint.body != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        return send(endpoint.method, endpoint.path(id), endpoint.body, headers.toArray(String[]::new));
    }

    /** Any method, any headers (name, value, name, value...), exactly as given: no token or content type added. */
    private Response send(String method, String path, String body, String... headers) {
        return new ApiClient(base(), null).exchange(method, path, body, headers);
    }
}
