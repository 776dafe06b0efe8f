package com.coaching.exports.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.secret.DevSecrets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The images' jars, started as a process as a deployment starts them, refuse unsafe secrets: a non-zero exit and
 * one line naming the setting, before they connect to anything. (Each case is a JVM start; the rules one by one
 * are in SecretSettingsTest.)
 */
class UnsafeSecretsTest {

    /** A secret of the right length that is in no file: what an operator makes with openssl rand. */
    static final String OWN_SECRET = "an-operators-own-secret-" + Long.toHexString(System.nanoTime()) + "-0123456789";

    /** A destinations key of the right length that is in no file, so each case is refused for its own setting. */
    static final String OWN_KEY =
            "--exports.destinations.key=" + java.util.Base64.getEncoder().encodeToString(randomKey());

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void the_api_refuses_a_token_secret_from_the_repository() throws Exception {
        Started api = start(
                "api", "--exports.jwt.secret=" + DevSecrets.LOCAL_JWT, "--exports.links.secret=" + OWN_SECRET, OWN_KEY);

        assertThat(api.exitCode()).isNotZero();
        assertThat(api.refusal()).contains("EXPORTS_JWT_SECRET", "appears in the exports repository");
    }

    @Test
    void the_api_refuses_a_token_secret_beside_an_issuer() throws Exception {
        Started api = start(
                "api",
                "--exports.jwt.secret=" + OWN_SECRET,
                "--exports.links.secret=" + OWN_SECRET,
                OWN_KEY,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks");

        assertThat(api.exitCode()).isNotZero();
        assertThat(api.refusal()).contains("EXPORTS_JWT_SECRET", "is set beside", "ISSUER_URI");
    }

    @Test
    void the_worker_refuses_to_start_without_a_link_secret() throws Exception {
        Started worker = start("worker", OWN_KEY);

        assertThat(worker.exitCode()).isNotZero();
        assertThat(worker.refusal()).contains("EXPORTS_LINKS_SECRET", "is not set");
    }

    @Test
    void the_worker_refuses_a_link_secret_from_the_repository_an_old_compose_default_among_them() throws Exception {
        Started worker = start("worker", "--exports.links.secret=" + DevSecrets.OLD_COMPOSE_LINKS, OWN_KEY);

        assertThat(worker.exitCode()).isNotZero();
        assertThat(worker.refusal()).contains("EXPORTS_LINKS_SECRET", "appears in the exports repository");
    }

    @Test
    void the_worker_refuses_to_start_without_a_destinations_key() throws Exception {
        Started worker = start("worker", "--exports.links.secret=" + OWN_SECRET);

        assertThat(worker.exitCode()).isNotZero();
        assertThat(worker.refusal()).contains("EXPORTS_DESTINATIONS_KEY", "is not set");
    }

    @Test
    void the_api_refuses_a_destinations_key_from_the_repository() throws Exception {
        Started api = start(
                "api",
                "--exports.jwt.secret=" + OWN_SECRET,
                "--exports.links.secret=" + OWN_SECRET,
                "--exports.destinations.key=" + DevSecrets.LOCAL_DESTINATIONS_KEY);

        assertThat(api.exitCode()).isNotZero();
        assertThat(api.refusal()).contains("EXPORTS_DESTINATIONS_KEY", "appears in the exports repository");
    }

    record Started(int exitCode, List<String> output) {

        /** The one line that says why; no stack trace around it. */
        String refusal() {
            assertThat(output).as(String.join("\n", output)).noneMatch(line -> line.startsWith("\tat "));
            List<String> refusals = output.stream()
                    .filter(line -> line.startsWith("Refusing to start: "))
                    .toList();
            assertThat(refusals).as(String.join("\n", output)).hasSize(1);
            return refusals.get(0);
        }
    }

    private static Started start(String module, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                ExecJars.find(module).toString(),
                // were it to start after all, on ports of its own and soon stopped by the timeout below
                "--server.port=0",
                "--management.server.port=0"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("EXPORTS_"));
        File log = Files.createTempFile("unsafe-secrets-" + module, ".log").toFile();
        Process process = builder.redirectOutput(log).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS))
                    .as("the " + module + " stopped by itself")
                    .isTrue();
            return new Started(process.exitValue(), Files.readAllLines(log.toPath()));
        } finally {
            process.destroyForcibly();
            log.delete();
        }
    }
}
