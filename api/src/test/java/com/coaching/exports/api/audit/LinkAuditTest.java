package com.coaching.exports.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.shared.link.SignedLinks;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.EventStream;
import com.coaching.exports.testkit.EventStream.Event;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md, "The audit trail": every download link the API hands out is one {@code link issued}
 * entry of its job's history (who, when, the client's address, never the link) and one more in the
 * trainer's counts of {@code GET /api/v1/audit}; a job without a file hands out nothing.
 */
@ApiTest
class LinkAuditTest {

    static final String WORKER = "audit-worker";
    /** The reason of a link issued, as JSON. */
    static final String LINK_ISSUED = "\"link issued\"";

    static final Duration SOON = Duration.ofSeconds(5);
    /** The address of this test's requests: the API is called on 127.0.0.1, not "localhost" (maybe ::1). */
    static final String CLIENT = "127.0.0.1";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JobTransitions transitions;

    @Autowired
    SignedLinks links;

    URI base;
    String token;
    ApiClient api;

    @BeforeEach
    void aTrainer() {
        base = URI.create("http://" + CLIENT + ":" + port);
        token = Tokens.trainer(Tokens.newTrainerId());
        api = new ApiClient(base, token);
    }

    @Test
    void polling_a_job_without_a_file_records_nothing_and_each_answer_with_a_fresh_link_records_one() {
        UUID id = newJob();
        api.get(path(id));
        api.get(path(id));
        assertThat(issued(api.get(path(id)).json())).isEmpty();

        succeed(id);
        Instant before = Instant.now();
        JsonNode first = api.get(path(id)).json();
        JsonNode second = api.get(path(id)).json();

        assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(issued(first)).hasSize(1);
        assertIssued(issued(first).get(0), "trainer", CLIENT, before);
        assertThat(issued(second)).hasSize(2);
        assertThat(first.get("history").toString())
                .doesNotContain(first.get("download").get("url").asString())
                .doesNotContain("X-Amz");
        assertThat(moves(second)).containsExactly("none -> QUEUED", "QUEUED -> RUNNING", "RUNNING -> SUCCEEDED");
    }

    @Test
    void the_download_redirect_appears_once_in_the_history_then_the_jobs_own_answer() {
        UUID id = newJob();
        succeed(id);
        Instant before = Instant.now();

        Response redirect = api.get(path(id) + "/download");
        JsonNode job = api.get(path(id)).json();

        assertThat(redirect.status()).isEqualTo(302);
        List<JsonNode> issued = issued(job);
        assertThat(issued).hasSize(2); // the redirect's, then this answer's own link
        assertIssued(issued.get(0), "trainer", CLIENT, before);
        assertThat(Instant.parse(issued.get(0).get("at").asString()))
                .isBeforeOrEqualTo(Instant.parse(issued.get(1).get("at").asString()));
        assertThat(audit(today(), today())).containsExactly(new Row(id, "payments", "trainer", 2));
    }

    @Test
    void a_forwarded_for_header_is_not_believed_unless_the_api_is_told_it_runs_behind_a_proxy() {
        UUID id = newJob();
        succeed(id);
        Instant before = Instant.now();

        Response redirect = api.exchange(
                "GET",
                path(id) + "/download",
                null,
                "Authorization",
                "Bearer " + token,
                "X-Forwarded-For",
                "203.0.113.9");

        assertThat(redirect.status()).isEqualTo(302);
        assertIssued(issued(api.get(path(id)).json()).get(0), "trainer", CLIENT, before);
    }

    @Test
    void the_emailed_link_appears_once_as_emailed_link_with_its_followers_address() {
        UUID id = newJob();
        succeed(id);
        URI link = links.linkTo(id, Instant.now().plus(Duration.ofDays(7)));
        Instant before = Instant.now();

        Response followed = api.as(null).get(link.getRawPath() + "?" + link.getRawQuery());
        JsonNode job = api.get(path(id)).json();

        assertThat(followed.status()).isEqualTo(302);
        assertThat(issued(job)).hasSize(2);
        assertIssued(issued(job).get(0), "emailed link", CLIENT, before);
        assertIssued(issued(job).get(1), "trainer", CLIENT, before);
        assertThat(audit(today(), today()))
                .containsExactly(new Row(id, "payments", "emailed link", 1), new Row(id, "payments", "trainer", 1));
    }

    @Test
    void the_event_of_a_succeeded_job_shows_its_own_link_issued_once() {
        UUID id = newJob();
        succeed(id);
        Instant before = Instant.now();

        JsonNode succeeded;
        try (EventStream events = EventStream.open(base, token, path(id) + "/events")) {
            Event event = events.next(SOON);
            succeeded = event.json();
            assertThat(events.endsWithin(SOON)).isTrue();
        }

        assertThat(succeeded.get("download").get("url").asString()).contains("X-Amz-Signature=");
        assertThat(issued(succeeded)).hasSize(1);
        assertIssued(issued(succeeded).get(0), "trainer", CLIENT, before);
        assertThat(audit(today(), today())).containsExactly(new Row(id, "payments", "trainer", 1));
    }

    @Test
    void the_list_records_one_link_for_each_succeeded_job_on_the_page_and_none_for_the_others() {
        UUID queued = newJob();
        UUID done = newJob();
        succeed(done);

        JsonNode items = api.get("/api/v1/exports").json().get("items");

        assertThat(items.get(0).get("id").asString()).isEqualTo(done.toString());
        assertThat(issued(items.get(0))).hasSize(1);
        assertThat(items.get(1).get("id").asString()).isEqualTo(queued.toString());
        assertThat(issued(items.get(1))).isEmpty();
        assertThat(audit(today(), today())).containsExactly(new Row(done, "payments", "trainer", 1));
    }

    @Test
    void the_counts_outlive_the_job_and_another_trainer_never_sees_them() {
        UUID id = newJob();
        succeed(id);
        assertThat(api.get(path(id) + "/download").status()).isEqualTo(302);

        assertThat(api.delete(path(id)).status()).isEqualTo(204);
        ApiClient other = api.as(Tokens.trainer(Tokens.newTrainerId()));

        assertThat(audit(today().minusDays(1), today().plusDays(1)))
                .containsExactly(new Row(id, "payments", "trainer", 1));
        JsonNode theirs = other.get(auditPath(today(), today())).json();
        assertThat(theirs.get("items")).isEmpty();
        assertThat(audit(today().minusDays(3), today().minusDays(1))).isEmpty();
    }

    @Test
    void bad_dates_are_a_400_problem_naming_the_field() {
        assertInvalid("/api/v1/audit?from=2026-13-01&to=2026-12-01", "from", "must be a date, YYYY-MM-DD");
        assertInvalid("/api/v1/audit?from=2026-11-01", "to", "is required: a date, YYYY-MM-DD");
        assertInvalid("/api/v1/audit?from=2026-11-02&to=2026-11-01", "from", "must not be after to");
        assertInvalid(
                "/api/v1/audit?from=2025-01-01&to=2026-01-02",
                "to",
                "must be at most 365 days after from: 366 days at most, both included");
        assertThat(api.get("/api/v1/audit?from=2025-01-01&to=2026-01-01").status())
                .isEqualTo(200);
    }

    @Test
    void the_audit_needs_a_trainers_token() {
        assertThat(api.as(null).get(auditPath(today(), today())).status()).isEqualTo(401);
        assertThat(api.as(Tokens.withRole(Tokens.newTrainerId(), "TRAINEE"))
                        .get(auditPath(today(), today()))
                        .status())
                .isEqualTo(403);
    }

    private void assertInvalid(String path, String field, String message) {
        Response response = api.get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .isEqualTo(message);
    }

    private static void assertIssued(JsonNode entry, String by, String address, Instant notBefore) {
        assertThat(entry.get("from").asString()).isEqualTo("SUCCEEDED");
        assertThat(entry.get("to").asString()).isEqualTo("SUCCEEDED");
        assertThat(entry.get("by").asString()).isEqualTo(by);
        assertThat(entry.get("reason").asString()).isEqualTo("link issued");
        assertThat(entry.get("address").asString()).isEqualTo(address);
        assertThat(Instant.parse(entry.get("at").asString()))
                .isBetween(notBefore.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    /** A row of {@code GET /api/v1/audit}. */
    record Row(UUID job, String dataset, String by, int links) {}

    private List<Row> audit(LocalDate from, LocalDate to) {
        Response response = api.get(auditPath(from, to));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("from").asString()).isEqualTo(from.toString());
        return response.json()
                .get("items")
                .valueStream()
                .peek(row -> assertThat(row.get("day").asString()).isEqualTo(today().toString()))
                .map(row -> new Row(
                        UUID.fromString(row.get("job").asString()),
                        row.get("dataset").asString(),
                        row.get("by").asString(),
                        row.get("links").asInt()))
                .toList();
    }

    private static String auditPath(LocalDate from, LocalDate to) {
        return "/api/v1/audit?from=" + from + "&to=" + to;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static List<JsonNode> issued(JsonNode job) {
        return job.get("history")
                .valueStream()
                .filter(entry -> LINK_ISSUED.equals(entry.get("reason").toString()))
                .toList();
    }

    private static List<String> moves(JsonNode job) {
        return job.get("history")
                .valueStream()
                .filter(entry -> !LINK_ISSUED.equals(entry.get("reason").toString()))
                .map(entry ->
                        (entry.get("from").isNull() ? "none" : entry.get("from").asString()) + " -> "
                                + entry.get("to").asString())
                .toList();
    }

    private UUID newJob() {
        return UUID.fromString(api.post("/api/v1/exports", "{\"dataset\": \"payments\"}")
                .json()
                .get("id")
                .asString());
    }

    private void succeed(UUID id) {
        transitions.claim(id, WORKER, Instant.now());
        assertThat(transitions.succeed(
                        id,
                        Holder.of(WORKER, 1),
                        new JobResult("payments.csv", "exports/test/" + id, 3, 42, "ab".repeat(32), "text/csv", null),
                        Instant.now()))
                .isTrue();
    }

    private static String path(UUID id) {
        return "/api/v1/exports/" + id;
    }
}
