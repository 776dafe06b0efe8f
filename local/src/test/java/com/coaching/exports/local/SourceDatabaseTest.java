package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.embedded.EmbeddedServicesPostProcessor;
import com.coaching.exports.shared.source.SourceDatabase;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.worker.support.SourceRows;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;

/**
 * EXPORTS_SOURCE_DATASOURCE_*: the platform's rows come from a second database (a read replica in
 * production) while jobs, outbox and mail stay in the service's own. Both databases are made inside
 * whichever PostgreSQL the tests use (SPRING_DATASOURCE_URL, or the embedded one), and dropped after.
 */
class SourceDatabaseTest {

    static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    static final String JOBS_DB = "exports_jobs_" + TAG;
    static final String PLATFORM_DB = "exports_platform_" + TAG;

    static String server;
    static String username;
    static String password;
    static LocalStack stack;
    static JdbcClient jobsDb;
    /** The service's view of the platform's database: read-only. */
    static JdbcClient platformDb;

    @BeforeAll
    static void twoDatabasesAndTheSystemOnThem() {
        StandardEnvironment environment = new StandardEnvironment();
        new EmbeddedServicesPostProcessor(Supplier::get).postProcessEnvironment(environment, new SpringApplication());
        server = environment.getProperty("spring.datasource.url");
        username = environment.getProperty("spring.datasource.username");
        password = environment.getProperty("spring.datasource.password", "");
        JdbcClient admin = jdbc(server);
        admin.sql("create database " + JOBS_DB).update();
        admin.sql("create database " + PLATFORM_DB).update();

        // arguments, not settings: they must beat SPRING_DATASOURCE_URL where CI sets it
        stack = TestStack.start(
                Map.of("exports.mail.interval", "500ms"),
                api -> Map.of(),
                "--spring.datasource.url=" + in(JOBS_DB),
                "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password,
                "--exports.source.datasource.url=" + in(PLATFORM_DB),
                "--exports.source.datasource.username=" + username,
                "--exports.source.datasource.password=" + password);
        jobsDb = stack.api().getBean(JdbcClient.class);
        platformDb = stack.api().getBean(SourceDatabase.class).jdbc();
    }

    @AfterAll
    static void stopAndDrop() {
        if (stack != null) {
            stack.close();
        }
        JdbcClient admin = jdbc(server);
        admin.sql("drop database if exists " + JOBS_DB + " with (force)").update();
        admin.sql("drop database if exists " + PLATFORM_DB + " with (force)").update();
    }

    @Test
    void the_export_reads_its_rows_from_the_source_database_while_its_job_and_mail_live_in_the_service_database() {
        SourceRows rows = new SourceRows(jdbc(in(PLATFORM_DB))); // written as the platform would
        long trainer = rows.trainer("Rhea", "Replica", "rhea@example.com");
        long trainee = rows.trainee(trainer, "Tom", "Two", "tom@example.com", true, Instant.now());
        Instant paid = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        long payment = rows.payment(
                trainer, trainee, "25", "EUR", "succeeded", "subscription", "from the replica", paid, paid);
        ApiClient api = new ApiClient(URI.create("http://localhost:" + stack.apiPort()), Tokens.trainer(trainer));

        JsonNode job = api.post("/api/v1/exports", "{\"dataset\": \"payments\", \"days\": 7, \"notify\": true}")
                .json();
        String id = job.get("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/exports/" + id)
                        .json()
                        .get("status")
                        .asString()
                        .equals("SUCCEEDED"));

        JsonNode done = api.get("/api/v1/exports/" + id).json();
        String csv = new String(
                api.fetch(URI.create(done.get("download").get("url").asString()))
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(csv)
                .endsWith(payment + "," + paid + "," + paid + ",Tom Two," + rows.email("tom@example.com")
                        + ",subscription,succeeded,25.00,EUR,from the replica\r\n");
        assertThat(done.get("result").get("rowCount").asLong()).isEqualTo(1);
        // the job, its outbox and its mail in the service's database, to the address the platform has
        assertThat(jobsDb.sql("select count(*) from export_job where id = :id")
                        .param("id", UUID.fromString(id))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jobsDb.sql("select recipient from export_mail where job_id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .optional()
                        .isPresent());
        assertThat(jobsDb.sql("select recipient from export_mail where job_id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo(rows.email("rhea@example.com"));
    }

    @Test
    void the_service_cannot_write_into_the_source_database() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> platformDb.sql("create table intruder (id int)").update())
                .hasMessageContaining("read-only");
    }

    @Test
    void each_database_holds_only_its_own_tables() {
        assertThat(tables(jobsDb))
                .contains("export_job", "export_outbox", "export_mail")
                .doesNotContain("users", "trainee_payments");
        assertThat(tables(platformDb))
                .contains("users", "trainee_payments", "trainee_subscriptions")
                .doesNotContain("export_job", "export_mail");
    }

    private static java.util.List<String> tables(JdbcClient jdbc) {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class)
                .list();
    }

    /** The same server, another database. */
    private static String in(String database) {
        URI uri = URI.create(server.substring("jdbc:".length()));
        return "jdbc:" + uri.getScheme() + "://" + uri.getAuthority() + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static JdbcClient jdbc(String url) {
        return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), url, username, password));
    }
}
