package com.coaching.exports.api.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.ApiClient.Response;
import com.coaching.exports.testkit.OtherBucket;
import com.coaching.exports.testkit.SftpTestServer;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A trainer registers, lists, tests and removes destinations: their own S3 bucket (a second S3 server
 * with credentials of its own) or SFTP server (Apache MINA SSHD). No answer and no row shows a secret.
 */
@ApiTest
class DestinationsApiTest {

    static final String BUCKET = "trainers-bucket";

    @TempDir
    static Path dirs;

    static OtherBucket bucket;
    static SftpTestServer sftp;

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient trainer;

    @BeforeAll
    static void theTrainersServers() throws Exception {
        bucket = OtherBucket.start(Files.createDirectories(dirs.resolve("s3")), BUCKET);
        sftp = SftpTestServer.start(Files.createDirectories(dirs.resolve("sftp")), "the-right-password");
        Files.createDirectories(sftp.root().resolve("upload"));
    }

    @AfterAll
    static void stopThem() throws Exception {
        bucket.close();
        sftp.close();
    }

    @BeforeEach
    void aTrainer() {
        trainer = new ApiClient(URI.create("http://localhost:" + port), Tokens.trainer(Tokens.newTrainerId()));
    }

    static String s3(String secret) {
        return """
                {"type": "s3", "name": "Our bucket", "endpoint": "%s", "region": "%s", "bucket": "%s",
                 "prefix": "exports", "pathStyle": true, "accessKeyId": "%s", "secretAccessKey": "%s"}""".formatted(bucket.endpoint(), OtherBucket.REGION, BUCKET, OtherBucket.ACCESS_KEY, secret);
    }

    static String sftpWith(String credential) {
        return """
                {"type": "sftp", "name": "Our SFTP", "host": "127.0.0.1", "port": %d, "username": "%s", %s,
                 "hostKeyFingerprint": "%s", "directory": "/upload"}""".formatted(sftp.port(), SftpTestServer.USER, credential, sftp.fingerprint());
    }

    static String password(String password) {
        return "\"password\": \"" + password + "\"";
    }

    @Test
    void a_registered_s3_destination_is_answered_201_and_listed_never_with_its_secret_nor_stored_in_the_clear() {
        Response created = trainer.post("/api/v1/destinations", s3(OtherBucket.SECRET_KEY));

        assertThat(created.status()).isEqualTo(201);
        JsonNode destination = created.json();
        String id = destination.get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/destinations/" + id);
        assertThat(destination.get("type").asString()).isEqualTo("s3");
        assertThat(destination.get("bucket").asString()).isEqualTo(BUCKET);
        assertThat(destination.get("prefix").asString()).isEqualTo("exports/");
        assertThat(destination.get("accessKeyId").asString()).isEqualTo(OtherBucket.ACCESS_KEY);
        assertThat(created.body()).doesNotContain(OtherBucket.SECRET_KEY).doesNotContain("secretAccessKey");
        Response listed = trainer.get("/api/v1/destinations");
        assertThat(listed.json().get("items")).hasSize(1);
        assertThat(listed.body()).doesNotContain(OtherBucket.SECRET_KEY);
        Response one = trainer.get("/api/v1/destinations/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("name").asString()).isEqualTo("Our bucket");
        assertThat(one.body()).doesNotContain(OtherBucket.SECRET_KEY);

        String dumped = dump(id);
        assertThat(dumped).contains(BUCKET).doesNotContain(OtherBucket.SECRET_KEY);
    }

    @Test
    void an_sftp_destination_is_shown_with_how_it_authenticates_but_not_with_its_password_or_key() {
        Response withPassword = trainer.post("/api/v1/destinations", sftpWith(password(sftp.password())));
        String key = sftp.privateKey();
        Response withKey =
                trainer.post("/api/v1/destinations", sftpWith("\"privateKey\": \"" + key.replace("\n", "\\n") + "\""));

        assertThat(withPassword.status()).isEqualTo(201);
        assertThat(withPassword.json().get("authentication").asString()).isEqualTo("password");
        assertThat(withPassword.json().get("hostKeyFingerprint").asString()).isEqualTo(sftp.fingerprint());
        assertThat(withPassword.body()).doesNotContain(sftp.password());
        assertThat(withKey.status()).isEqualTo(201);
        assertThat(withKey.json().get("authentication").asString()).isEqualTo("privateKey");
        assertThat(trainer.get("/api/v1/destinations").body())
                .doesNotContain(sftp.password())
                .doesNotContain("OPENSSH PRIVATE KEY");
        assertThat(dump(withPassword.json().get("id").asString()))
                .contains(SftpTestServer.USER)
                .doesNotContain(sftp.password());
        assertThat(dump(withKey.json().get("id").asString()))
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(key.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void bad_fields_are_named_in_a_400_problem() {
        Response noType = trainer.post("/api/v1/destinations", "{\"name\": \"x\"}");
        assertProblem(noType, 400, "type");

        Response badS3 = trainer.post("/api/v1/destinations", """
                {"type": "s3", "name": "x", "endpoint": "ftp://example.com", "region": "eu-central-1",
                 "bucket": "Not_A_Bucket", "accessKeyId": "a"}""");
        assertProblem(badS3, 400, "endpoint", "bucket", "secretAccessKey");

        Response badSftp = trainer.post("/api/v1/destinations", """
                {"type": "sftp", "name": "x", "host": "127.0.0.1", "username": "u",
                 "hostKeyFingerprint": "MD5:12:34", "directory": "/upload", "bucket": "b"}""");
        assertProblem(badSftp, 400, "password", "hostKeyFingerprint", "bucket");

        Response both =
                trainer.post("/api/v1/destinations", sftpWith(password("p") + ", \"privateKey\": \"not a key\""));
        assertProblem(both, 400, "privateKey");

        Response unreadableKey = trainer.post("/api/v1/destinations", sftpWith("\"privateKey\": \"not a key\""));
        assertProblem(unreadableKey, 400, "privateKey");
        assertThat(trainer.get("/api/v1/destinations").json().get("items")).isEmpty();
    }

    @Test
    void another_trainers_destination_is_a_404_whatever_is_asked_of_it() {
        String id = trainer.post("/api/v1/destinations", s3(OtherBucket.SECRET_KEY))
                .json()
                .get("id")
                .asString();
        ApiClient other = trainer.as(Tokens.trainer(Tokens.newTrainerId()));

        assertProblem(other.get("/api/v1/destinations/" + id), 404);
        assertProblem(other.post("/api/v1/destinations/" + id + "/test", ""), 404);
        assertProblem(other.delete("/api/v1/destinations/" + id), 404);
        assertThat(other.get("/api/v1/destinations").json().get("items")).isEmpty();
        Response export = other.post(
                "/api/v1/exports", "{\"dataset\": \"payments\", \"days\": 7, \"destination\": \"" + id + "\"}");
        assertProblem(export, 400, "destination");
        Response schedule = other.post(
                "/api/v1/schedules",
                "{\"export\": {\"dataset\": \"payments\", \"destination\": \"" + id
                        + "\"}, \"cron\": \"0 7 * * MON\", \"timezone\": \"UTC\"}");
        assertProblem(schedule, 400, "export.destination");
        assertThat(trainer.get("/api/v1/destinations/" + id).status()).isEqualTo(200);
    }

    @Test
    void an_eleventh_destination_is_a_409() {
        for (int i = 0; i < 10; i++) {
            assertThat(trainer.post("/api/v1/destinations", s3(OtherBucket.SECRET_KEY))
                            .status())
                    .isEqualTo(201);
        }

        Response eleventh = trainer.post("/api/v1/destinations", s3(OtherBucket.SECRET_KEY));

        assertProblem(eleventh, 409);
        assertThat(eleventh.json().get("type").asString()).isEqualTo("/problems/too-many-destinations");
        assertThat(trainer.get("/api/v1/destinations").json().get("items")).hasSize(10);
    }

    @Test
    void the_probe_writes_and_removes_a_file_and_names_wrong_credentials_without_a_trace_or_a_secret()
            throws Exception {
        String goodS3 = trainer.post("/api/v1/destinations", s3(OtherBucket.SECRET_KEY))
                .json()
                .get("id")
                .asString();
        String badS3 = trainer.post("/api/v1/destinations", s3("a-wrong-secret-key"))
                .json()
                .get("id")
                .asString();
        String goodSftp = trainer.post("/api/v1/destinations", sftpWith(password(sftp.password())))
                .json()
                .get("id")
                .asString();
        String badSftp = trainer.post("/api/v1/destinations", sftpWith(password("a-wrong-password")))
                .json()
                .get("id")
                .asString();
        String strangerKey = SftpTestServer.strangerKey().replace("\n", "\\n");
        String badKey = trainer.post("/api/v1/destinations", sftpWith("\"privateKey\": \"" + strangerKey + "\""))
                .json()
                .get("id")
                .asString();

        assertThat(test(goodS3).toString()).isEqualTo("{\"ok\":true}");
        assertThat(test(goodSftp).toString()).isEqualTo("{\"ok\":true}");
        JsonNode s3Refused = test(badS3);
        assertThat(s3Refused.get("ok").asBoolean()).isFalse();
        assertThat(s3Refused.get("reason").asString())
                .contains("403")
                .contains("check the access key and secret")
                .doesNotContain("a-wrong-secret-key");
        JsonNode sftpRefused = test(badSftp);
        assertThat(sftpRefused.get("ok").asBoolean()).isFalse();
        assertThat(sftpRefused.get("reason").asString())
                .isEqualTo("the server refused user trainer with this password");
        assertThat(test(badKey).get("reason").asString())
                .isEqualTo("the server refused user trainer with this private key");
        try (var listed = Files.list(sftp.root().resolve("upload"))) {
            assertThat(listed.toList()).isEmpty();
        }
        try (var s3 = bucket.client()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
        }
    }

    @Test
    void a_pinned_host_key_that_is_not_the_servers_fails_the_probe() {
        String wrongPin = "SHA256:" + "A".repeat(43);
        String id = trainer.post(
                        "/api/v1/destinations",
                        sftpWith(password(sftp.password())).replace(sftp.fingerprint(), wrongPin))
                .json()
                .get("id")
                .asString();

        JsonNode tested = test(id);

        assertThat(tested.get("ok").asBoolean()).isFalse();
        assertThat(tested.get("reason").asString()).contains("host key is not the one pinned");
    }

    @Test
    void a_destination_a_schedule_names_cannot_be_deleted_until_the_schedule_is() {
        String id = trainer.post("/api/v1/destinations", s3(OtherBucket.SECRET_KEY))
                .json()
                .get("id")
                .asString();
        Response schedule = trainer.post(
                "/api/v1/schedules",
                "{\"export\": {\"dataset\": \"payments\", \"destination\": \"" + id
                        + "\"}, \"cron\": \"0 7 * * MON\", \"timezone\": \"UTC\"}");
        assertThat(schedule.status()).isEqualTo(201);
        assertThat(schedule.json().get("export").get("destination").asString()).isEqualTo(id);

        Response refused = trainer.delete("/api/v1/destinations/" + id);

        assertProblem(refused, 409);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/destination-in-use");
        assertThat(refused.json().get("detail").asString()).contains("a schedule names it");
        trainer.delete("/api/v1/schedules/" + schedule.json().get("id").asString());
        assertThat(trainer.delete("/api/v1/destinations/" + id).status()).isEqualTo(204);
        assertProblem(trainer.get("/api/v1/destinations/" + id), 404);
    }

    @Test
    void an_export_that_names_a_destination_echoes_it_in_its_parameters() {
        String id = trainer.post("/api/v1/destinations", s3(OtherBucket.SECRET_KEY))
                .json()
                .get("id")
                .asString();

        Response export = trainer.post(
                "/api/v1/exports", "{\"dataset\": \"payments\", \"days\": 7, \"destination\": \"" + id + "\"}");

        assertThat(export.status()).isEqualTo(202);
        assertThat(export.json().get("parameters").get("destination").asString())
                .isEqualTo(id);
        assertThat(export.json().has("delivery")).isFalse();
        assertProblem(
                trainer.post("/api/v1/exports", "{\"dataset\": \"payments\", \"destination\": \"nope\"}"),
                400,
                "destination");
    }

    /** The row as a database dump shows it: every column, bytes as they are. */
    private String dump(String id) {
        Map<String, Object> row = jdbc.sql("select * from export_destination where id = :id")
                .param("id", UUID.fromString(id))
                .query()
                .singleRow();
        return row.values().stream()
                .map(value -> value instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.ISO_8859_1)
                        : String.valueOf(value))
                .reduce("", String::concat);
    }

    private JsonNode test(String id) {
        Response tested = trainer.post("/api/v1/destinations/" + id + "/test", "");
        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.body()).doesNotContain("\tat ").doesNotContain("Exception");
        return tested.json();
    }

    private static void assertProblem(Response response, int status, String... fields) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        if (fields.length > 0) {
            List<String> named = response.json()
                    .get("errors")
                    .valueStream()
                    .map(error -> error.get("field").asString())
                    .toList();
            assertThat(named).as(response.toString()).contains(fields);
        }
    }
}
