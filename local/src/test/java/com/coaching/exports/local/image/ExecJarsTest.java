package com.coaching.exports.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The executable jars the images run carry no stand-in: embedded PostgreSQL, Qpid, s3proxy and GreenMail
 * are for the run command and the tests. In the reactor, api and worker are packaged before this module's
 * tests run, so their {@code target/*-exec.jar} are there.
 */
class ExecJarsTest {

    @ParameterizedTest
    @ValueSource(strings = {"api", "worker"})
    void the_exec_jar_holds_no_stand_in(String module) {
        Path jar = ExecJars.find(module);

        assertThat(ExecJars.libraries(jar))
                .as("libraries of " + jar)
                .anyMatch(name -> name.startsWith("shared-"))
                .anyMatch(name -> name.startsWith("postgresql-"));
        assertThat(ExecJars.standIns(jar)).as("stand-ins in " + jar).isEmpty();
    }
}
