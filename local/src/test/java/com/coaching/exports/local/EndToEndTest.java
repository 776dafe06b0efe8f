package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.worker.retention.RetentionSweeper;
import com.coaching.exports.worker.support.Inbox;
import com.coaching.exports.worker.support.SourceRows;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline as a trainer uses it: POST an export, poll it to SUCCEEDED, download the file
 * through the presigned link, and compare it byte for byte with the contract's CSV rules.
 */
class EndToEndTest {

    static LocalStack stack;
    static JdbcClient jdbc;

    SourceRows rows;
    long trainer;
    long otherTrainer;
    ApiClient api;
    Instant now;

    @BeforeAll
    static void startTheSystem() {
        stack = TestStack.start(
                Map.of(
                        "exports.mail.interval",
                        "500ms",
                        // a webhook receiver on this machine, over http (as the run command allows)
                        "exports.webhooks.allow-http",
                        true,
                        "exports.webhooks.allow-private-networks",
                        true),
                api -> Map.of());
        jdbc = stack.api().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopTheSystem() {
        stack.close();
    }

    @BeforeEach
    void twoTrainers() {
        rows = new SourceRows(jdbc);
        trainer = rows.trainer("Tess", "Trainer", "tess@example.com");
        otherTrainer = rows.trainer("Otto", "Other", "otto@example.com");
        api = new ApiClient(URI.create("http://localhost:" + stack.apiPort()), Tokens.trainer(trainer));
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void payments_of_the_window_newest_first_with_every_cell_formatted_by_the_rules() {
        long zoe = rows.trainee(trainer, "Zoë", "O'Brien, Jr.", "zoe@example.com", true, now);
        long formula = rows.trainee(trainer, "=HYPERLINK(\"x\")", "Smith", "hyper@example.com", true, now);
        long spaced = rows.trainee(trainer, "  Ben", "", "ben@example.com", true, now);
        long stranger = rows.trainee(otherTrainer, "Stan", "Ger", "stan@example.com", true, now);
        Instant dayAgo = now.minus(1, ChronoUnit.DAYS);
        Instant twoDaysAgo = now.minus(2, ChronoUnit.DAYS);
        long refund = rows.payment(
                trainer,
                zoe,
                "-10.00",
                "EUR",
                "refunded",
                "refund",
                "Refund, \"partial\"\nsecond line",
                dayAgo.plusMillis(987),
                null);
        long older = rows.payment(
                trainer,
                formula,
                "1234.5",
                "USD",
                "succeeded",
                "+plus",
                "=1+1",
                twoDaysAgo,
                twoDaysAgo.plusSeconds(30));
        long sameTimeHigherId = rows.payment(
                trainer, spaced, "0", "JPY", "pending", "subscription", "Ünïcödé ✓ 日本語 @home", twoDaysAgo, null);
        long tabbed = rows.payment(
                trainer, zoe, "49", "EUR", "failed", "subscription", "\ttabbed", now.minus(3, ChronoUnit.DAYS), null);
        rows.payment(
                trainer,
                zoe,
                "99.00",
                "EUR",
                "succeeded",
                "subscription",
                "outside the window",
                now.minus(31, ChronoUnit.DAYS),
                null);
        rows.payment(
                otherTrainer,
                stranger,
                "5.00",
                "EUR",
                "succeeded",
                "subscription",
                "another trainer's",
                dayAgo,
                dayAgo);

        Download file = export("{\"dataset\": \"payments\", \"days\": 30}");

        assertThat(file.text())
                .isEqualTo(""
                        + "Payment ID,Created At,Paid At,Trainee Name,Trainee Email,Type,Status,Amount,Currency,Description\r\n"
                        + refund + "," + utc(dayAgo) + ",,\"Zoë O'Brien, Jr.\"," + rows.email("zoe@example.com")
                        + ",refund,refunded,-10.00,EUR,\"Refund, \"\"partial\"\"\nsecond line\"\r\n"
                        + sameTimeHigherId + "," + utc(twoDaysAgo) + ",,Ben," + rows.email("ben@example.com")
                        + ",subscription,pending,0.00,JPY,Ünïcödé ✓ 日本語 @home\r\n"
                        + older + "," + utc(twoDaysAgo) + "," + utc(twoDaysAgo.plusSeconds(30))
                        + ",\"'=HYPERLINK(\"\"x\"\") Smith\"," + rows.email("hyper@example.com")
                        + ",'+plus,succeeded,1234.50,USD,'=1+1\r\n"
                        + tabbed + "," + utc(now.minus(3, ChronoUnit.DAYS)) + ",,\"Zoë O'Brien, Jr.\","
                        + rows.email("zoe@example.com") + ",subscription,failed,49.00,EUR,'\ttabbed\r\n");
        assertThat(file.job().get("result").get("rowCount").asLong()).isEqualTo(4);
    }

    @Test
    void subscribers_of_every_status_newest_first() {
        long dash = rows.trainee(trainer, "-Dash", "Person", "dash@example.com", true, now);
        long plain = rows.trainee(trainer, "Pia", "Plain", "pia@example.com", true, now);
        long stranger = rows.trainee(otherTrainer, "Stan", "Ger", "stan@example.com", true, now);
        Instant periodStart = Instant.parse("2026-11-01T00:00:00Z");
        Instant periodEnd = Instant.parse("2026-12-01T00:00:00Z");
        long active = rows.subscription(
                trainer, plain, "59", "EUR", "active", periodStart, periodEnd, now.minus(10, ChronoUnit.DAYS), null);
        long canceled = rows.subscription(
                trainer,
                dash,
                "19.99",
                "GBP",
                "canceled",
                null,
                null,
                now.minus(400, ChronoUnit.DAYS),
                now.minus(5, ChronoUnit.DAYS));
        rows.subscription(otherTrainer, stranger, "10", "EUR", "active", periodStart, periodEnd, now, null);

        Download file = export("{\"dataset\": \"subscribers\"}");

        assertThat(file.text())
                .isEqualTo(""
                        + "Subscription ID,Trainee Name,Trainee Email,Status,Amount,Currency,Current Period Start,"
                        + "Current Period End,Created At,Canceled At\r\n"
                        + active + ",Pia Plain," + rows.email("pia@example.com")
                        + ",active,59.00,EUR,2026-11-01T00:00:00Z,"
                        + "2026-12-01T00:00:00Z," + utc(now.minus(10, ChronoUnit.DAYS)) + ",\r\n"
                        + canceled + ",'-Dash Person," + rows.email("dash@example.com") + ",canceled,19.99,GBP,,,"
                        + utc(now.minus(400, ChronoUnit.DAYS)) + "," + utc(now.minus(5, ChronoUnit.DAYS)) + "\r\n");
    }

    @Test
    void trainees_by_id_with_their_profile_active_programs_and_last_log() {
        Instant joinedInTokyo =
                OffsetDateTime.parse("2026-03-01T08:00:00+09:00").toInstant();
        long ana = rows.trainee(trainer, "Ana", "Lima", "ana@example.com", true, joinedInTokyo);
        long bo = rows.trainee(trainer, "Bo", "Quiet", "bo@example.com", false, Instant.parse("2026-02-03T04:05:06Z"));
        long cy = rows.trainee(trainer, "Cy", "Cmd", "cy@example.com", true, Instant.parse("2026-02-03T04:05:06Z"));
        rows.user("coach@example.com", "Co", "Ach", "TRAINER", trainer, true, now);
        rows.trainee(otherTrainer, "Stan", "Ger", "stan@example.com", true, now);
        rows.profile(ana, "Run, then \"rest\"", "high");
        rows.program(ana, "Yoga", true);
        rows.program(ana, "cardio", true);
        rows.program(ana, "Cardio", true);
        rows.program(ana, "Zumba", false);
        rows.dailyLog(ana, LocalDate.parse("2026-01-01"));
        rows.dailyLog(ana, LocalDate.parse("2026-03-05"));
        rows.program(cy, "=cmd", true);
        rows.profile(cy, "@goal", null);

        Download file = export("{\"dataset\": \"trainees\"}");

        assertThat(file.text())
                .isEqualTo(""
                        + "Trainee ID,First Name,Last Name,Email,Active,Joined,Fitness Goal,Activity Level,"
                        + "Active Programs,Last Log Date\r\n"
                        + ana + ",Ana,Lima," + rows.email("ana@example.com") + ",true,2026-02-28T23:00:00Z,"
                        + "\"Run, then \"\"rest\"\"\",high,Cardio; Yoga; cardio,2026-03-05\r\n"
                        + bo + ",Bo,Quiet," + rows.email("bo@example.com") + ",false,2026-02-03T04:05:06Z,,,,\r\n"
                        + cy + ",Cy,Cmd," + rows.email("cy@example.com")
                        + ",true,2026-02-03T04:05:06Z,'@goal,,'=cmd,\r\n");
    }

    @Test
    void the_presigned_link_serves_the_file_as_an_attachment_and_matches_the_result() throws Exception {
        Download file = export("{\"dataset\": \"trainees\"}");
        JsonNode result = file.job().get("result");

        assertThat(file.response().headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + result.get("fileName").asString() + "\"");
        assertThat(result.get("fileName").asString()).isEqualTo("trainees-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
        assertThat(result.get("contentType").asString()).isEqualTo("text/csv");
        assertThat(result.get("sizeBytes").asLong()).isEqualTo(file.bytes().length);
        assertThat(result.get("sha256").asString())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(file.bytes())));
        URI linkInTheJob = URI.create(file.job().get("download").get("url").asString());
        assertThat(api.fetch(linkInTheJob).body()).isEqualTo(file.bytes());
        assertThat(Instant.parse(file.job().get("download").get("expiresAt").asString()))
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(14)),
                        Instant.now().plus(Duration.ofMinutes(16)));
    }

    @Test
    void a_finished_export_shows_its_history_from_the_request_to_the_file_oldest_first() {
        Download file = export("{\"dataset\": \"trainees\"}");
        List<JsonNode> everything = file.job().get("history").valueStream().toList();
        // each poll that saw the job succeeded was handed its link: one "link issued" each, after the moves
        List<JsonNode> links = everything.stream()
                .filter(entry -> entry.get("reason").toString().equals("\"link issued\""))
                .toList();
        List<JsonNode> history =
                everything.stream().filter(entry -> !links.contains(entry)).toList();

        assertThat(history.stream()
                        .map(move -> (move.get("from").isNull()
                                        ? "none"
                                        : move.get("from").asString()) + " -> "
                                + move.get("to").asString()))
                .containsExactly("none -> QUEUED", "QUEUED -> RUNNING", "RUNNING -> SUCCEEDED");
        String worker = history.get(1).get("by").asString();
        assertThat(history.stream().map(move -> move.get("by").asString())).containsExactly("trainer", worker, worker);
        assertThat(worker).isNotEqualTo("trainer");
        assertThat(history.get(0).get("at").asString())
                .isEqualTo(file.job().get("createdAt").asString());
        assertThat(history.get(2).get("at").asString())
                .isEqualTo(file.job().get("finishedAt").asString());
        assertThat(history.stream().map(move -> move.get("reason").isNull())).containsOnly(true);
        assertThat(everything.subList(3, everything.size())).isEqualTo(links).isNotEmpty();
        assertThat(links).allSatisfy(link -> {
            assertThat(link.get("by").asString()).isEqualTo("trainer");
            assertThat(link.get("from").asString()).isEqualTo("SUCCEEDED");
            assertThat(link.get("to").asString()).isEqualTo("SUCCEEDED");
            assertThat(link.get("address").asString()).isNotBlank();
        });
    }

    @Test
    void a_tampered_link_is_refused_by_the_store() {
        Download file = export("{\"dataset\": \"trainees\"}");
        String url = file.job().get("download").get("url").asString();

        HttpResponse<byte[]> tampered = api.fetch(URI.create(url.replace("X-Amz-Signature=", "X-Amz-Signature=0")));

        assertThat(tampered.statusCode()).isEqualTo(403);
    }

    @Test
    void deleting_a_finished_export_removes_the_job_and_its_file() {
        Download file = export("{\"dataset\": \"trainees\"}");
        String job = "/api/v1/exports/" + file.job().get("id").asString();
        URI link = URI.create(file.job().get("download").get("url").asString());

        assertThat(api.delete(job).status()).isEqualTo(204);

        assertThat(api.get(job).status()).isEqualTo(404);
        assertThat(api.fetch(link).statusCode()).isEqualTo(404);
    }

    @Test
    void the_emailed_link_downloads_the_file_without_a_token_until_the_file_expires() {
        Download file = export("{\"dataset\": \"trainees\", \"notify\": true}");
        String inbox = rows.email("tess@example.com");
        await().atMost(Duration.ofSeconds(15)).until(() -> !Inbox.of(inbox).isEmpty());
        URI emailed = URI.create(Inbox.of(inbox).get(0).link());
        String link = emailed.getRawPath() + "?" + emailed.getRawQuery();
        ApiClient anyone = api.as(null);

        var redirect = anyone.get(link);
        var tampered = anyone.get(link.substring(0, link.length() - 1) + (link.endsWith("0") ? "1" : "0"));

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(anyone.fetch(URI.create(redirect.header("Location"))).body()).isEqualTo(file.bytes());
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(tampered.contentType()).isEqualTo("application/problem+json");

        stack.worker().getBean(RetentionSweeper.class).expireAsOf(Instant.now().plus(Duration.ofDays(8)));

        assertThat(anyone.get(link).status()).isEqualTo(410);
        assertThat(api.get("/api/v1/exports/" + file.job().get("id").asString() + "/download")
                        .status())
                .isEqualTo(410);
        assertThat(Inbox.of(inbox)).hasSize(1);
    }

    @Test
    void the_workers_health_and_metrics_answer_without_a_token_as_in_its_image_though_it_shares_the_apis_classpath() {
        ApiClient worker = new ApiClient(URI.create("http://localhost:" + stack.workerManagementPort()), null);

        ApiClient.Response prometheus = worker.get("/actuator/prometheus");
        assertThat(prometheus.status()).as(prometheus.toString()).isEqualTo(200);
        assertThat(prometheus.body()).contains("exports_dependency_up{");
        ApiClient.Response readiness = worker.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat(readiness.json().path("components").propertyNames()).contains("rabbit", "store");
        // no sign-in page, no generated password: the worker has no users
        assertThat(worker.get("/login").status()).isEqualTo(404);
    }

    @Test
    void the_dashboard_and_the_alerts_read_only_metrics_the_api_and_the_worker_expose() throws IOException {
        rows.trainee(trainer, "Mo", "Metrics", "mo@example.com", true, now);
        export("{\"dataset\": \"trainees\"}"); // the job meters exist once an export ran
        // the JVM's pause timer exists once it collected garbage; both applications run in this JVM
        System.gc();
        Set<String> dashboard = MetricNames.inDashboard(ComposeFileTest.ROOT.resolve("deploy/grafana/exports.json"));
        Set<String> alerts = MetricNames.inRules(ComposeFileTest.ROOT.resolve("deploy/prometheus/alerts.yml"));

        assertThat(dashboard).contains("exports_export_duration_seconds_bucket", "exports_dependency_up");
        assertThat(alerts).contains("exports_jobs_queued_oldest_age_seconds", "up");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> exposed = exposedMetrics();
            assertThat(difference(dashboard, exposed))
                    .as("metrics deploy/grafana/exports.json reads that neither the API nor the worker exposes")
                    .isEmpty();
            assertThat(difference(alerts, exposed))
                    .as("metrics deploy/prometheus/alerts.yml reads that neither the API nor the worker exposes")
                    .isEmpty();
        });
    }

    /** What the API's and the worker's scrapes hold, and what Prometheus makes itself. */
    private static Set<String> exposedMetrics() {
        Set<String> exposed = new TreeSet<>(MetricNames.PROMETHEUS_OWN);
        for (int port : new int[] {stack.apiManagementPort(), stack.workerManagementPort()}) {
            ApiClient.Response scrape =
                    new ApiClient(URI.create("http://localhost:" + port), null).get("/actuator/prometheus");
            assertThat(scrape.status()).as("port " + port + ": " + scrape).isEqualTo(200);
            exposed.addAll(MetricNames.exposed(scrape.body()));
        }
        return exposed;
    }

    private static Set<String> difference(Set<String> read, Set<String> exposed) {
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(exposed);
        return missing;
    }

    @Test
    void every_link_handed_out_for_one_export_is_in_its_history_once_per_request_and_in_the_audit() throws Exception {
        List<String> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String webhook = api.post(
                        "/api/v1/webhooks",
                        "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort()
                                + "/hook\", \"events\": [\"export.succeeded\"]}")
                .json()
                .get("id")
                .asString();
        try {
            Download file = export("{\"dataset\": \"trainees\", \"notify\": true}");
            String job = "/api/v1/exports/" + file.job().get("id").asString();
            String inbox = rows.email("tess@example.com");
            await().atMost(Duration.ofSeconds(15)).until(() -> !Inbox.of(inbox).isEmpty() && !hooks.isEmpty());
            URI emailed = URI.create(Inbox.of(inbox).get(0).link());
            assertThat(api.as(null)
                            .get(emailed.getRawPath() + "?" + emailed.getRawQuery())
                            .status())
                    .isEqualTo(302);

            List<JsonNode> issued = api.get(job)
                    .json()
                    .get("history")
                    .valueStream()
                    .filter(entry -> entry.get("reason").toString().equals("\"link issued\""))
                    .toList();
            Map<String, Long> byWho = issued.stream()
                    .collect(Collectors.groupingBy(entry -> entry.get("by").asString(), Collectors.counting()));
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            JsonNode audit = api.get("/api/v1/audit?from=" + today + "&to=" + today)
                    .json()
                    .get("items");

            assertThat(byWho.get("emailed link")).isEqualTo(1);
            assertThat(byWho.get("webhook link")).isEqualTo(1);
            // the polls that saw it succeeded, export()'s last read, its download and the read above
            assertThat(byWho.get("trainer")).isGreaterThanOrEqualTo(4);
            assertThat(issued)
                    .filteredOn(entry -> !entry.get("by").asString().equals("webhook link"))
                    .allSatisfy(
                            entry -> assertThat(entry.get("address").asString()).isNotBlank());
            assertThat(audit.valueStream()
                            .filter(row -> row.get("job")
                                    .asString()
                                    .equals(file.job().get("id").asString()))
                            .collect(Collectors.toMap(
                                    row -> row.get("by").asString(),
                                    row -> row.get("links").asLong())))
                    .isEqualTo(byWho);
        } finally {
            api.delete("/api/v1/webhooks/" + webhook);
            receiver.stop(0);
        }
    }

    private Download export(String request) {
        var created = api.post("/api/v1/exports", request);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String location = created.header("Location");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get(location).json().get("status").asString(),
                        s -> !s.equals("QUEUED") && !s.equals("RUNNING"));
        JsonNode job = api.get(location).json();
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        var redirect = api.get(location + "/download");
        assertThat(redirect.status()).isEqualTo(302);
        HttpResponse<byte[]> response = api.fetch(URI.create(redirect.header("Location")));
        assertThat(response.statusCode()).isEqualTo(200);
        return new Download(job, response);
    }

    private static String utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    record Download(JsonNode job, HttpResponse<byte[]> response) {

        byte[] bytes() {
            return response.body();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }
    }
}
