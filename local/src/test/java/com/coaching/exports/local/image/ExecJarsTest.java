package com.coaching.exports.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The executable jars the images run carry no stand-in: embedded PostgreSQL, Qpid, s3proxy and GreenMail
 * are for the run command and the tests. In the reactor, api and worker are packaged before this module's
 * tests run, so their {@code target/*-exec.jar} are there.
 */
class ExecJarsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"api", "worker"})
    void the_exec_jar_holds_no_stand_in(String module) throws IOException {
        Path jar = execJar(module);

        assertThat(ExecJars.libraries(jar)).as("libraries of " + jar)
                .anyMatch(name -> name.startsWith("shared-"))
                .anyMatch(name -> name.startsWith("postgresql-"));
        assertThat(ExecJars.standIns(jar)).as("stand-ins in " + jar).isEmpty();
    }

    private static Path execJar(String module) throws IOException {
        Path target = ROOT.resolve(module).resolve("target");
        assertThat(target).as("build " + module + " first (./mvnw verify packages it before local's tests)")
                .isDirectory();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches(module + "-.*-exec\\.jar"))
                    .reduce((a, b) -> {
                        throw new IllegalStateException("two exec jars in " + target);
                    })
                    .orElseThrow(() -> new AssertionError("no " + module + "-*-exec.jar in " + target));
        }
    }
}
