package com.coaching.exports.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The run command's set-up: a data directory that outlives the JVM, and a fixed PostgreSQL port. */
class LocalRunTest {

    @Test
    void with_a_data_dir_each_stand_in_works_in_its_own_sub_directory() throws Exception {
        // not a JUnit @TempDir: the stand-ins live until the JVM exits, longer than any test-managed directory
        Path dataDir = Files.createDirectories(
                Path.of("target", "local-run-test", UUID.randomUUID().toString()));
        int postgresPort = freePort();
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "run-command",
                        Map.of(
                                "exports.embedded.dir",
                                dataDir.toString(),
                                "exports.embedded.postgres-port",
                                postgresPort,
                                "exports.storage.bucket",
                                "local-exports")));

        new EmbeddedServicesPostProcessor(Supplier::get).postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://localhost:" + postgresPort + "/postgres");
        assertThat(dataDir.resolve("postgres/postgresql.conf")).isRegularFile();
        assertThat(dataDir.resolve("broker/initial-config.json")).isRegularFile();
        assertThat(dataDir.resolve("s3/local-exports")).isDirectory();
        assertThat(environment.getProperty("exports.storage.bucket")).isEqualTo("local-exports");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
