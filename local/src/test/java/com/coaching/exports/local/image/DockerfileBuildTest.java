package com.coaching.exports.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the Dockerfile's build stage for each service without Docker: copies exactly what its {@code COPY} lines name
 * (less what {@code .dockerignore} keeps out of the context) into an empty folder and runs its
 * {@code RUN} command there, offline against the local Maven repository. A module the root pom gains
 * but the Dockerfile does not copy fails here, not in a deploy. Then the jar the final stage takes
 * must be there, and hold no stand-in.
 */
class DockerfileBuildTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final List<String> MODULES = List.of("api", "worker");

    /**
     * Each module's build stage, all started at once: each build compiles on one core most of the
     * time, so two side by side take little longer than one.
     */
    private static final Map<String, FutureTask<Path>> builds = new HashMap<>();

    @TempDir
    static Path contexts;

    @BeforeAll
    static void startEveryBuildStage() {
        for (String module : MODULES) {
            FutureTask<Path> build = new FutureTask<>(() -> replayBuildStage(module, contexts.resolve(module)));
            builds.put(module, build);
            new Thread(build, "dockerfile-build-" + module).start();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "worker"})
    void the_build_stage_builds_the_jar_the_image_runs_from_what_it_copies(String module) throws Throwable {
        Path context = built(module);

        Dockerfile dockerfile = Dockerfile.read(ROOT.resolve("Dockerfile"), Map.of("MODULE", module));
        assertThat(dockerfile.fromBuild()).isNotEmpty();
        for (Dockerfile.Copy copy : dockerfile.fromBuild()) {
            for (String source : copy.sources()) {
                List<Path> jars = glob(context, source);
                assertThat(jars).as("what the final stage copies: " + source).hasSize(1);
                assertThat(ExecJars.standIns(jars.get(0)))
                        .as("stand-ins in the image's jar")
                        .isEmpty();
            }
        }
    }

    /** The module's build context once its build stage ended well; what failed it, else. */
    private static Path built(String module) throws Throwable {
        try {
            return builds.get(module).get(15, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /**
     * Copies what the build stage's {@code COPY} lines name into {@code context} and runs its {@code
     * RUN} commands there, offline; returns the context.
     */
    private static Path replayBuildStage(String module, Path context) throws IOException, InterruptedException {
        Dockerfile dockerfile = Dockerfile.read(ROOT.resolve("Dockerfile"), Map.of("MODULE", module));
        List<PathMatcher> ignored = dockerignore();
        Path workdir = context.resolve(dockerfile.workdir().replaceFirst("^/", ""));
        Files.createDirectories(workdir);
        for (Dockerfile.Copy copy : dockerfile.copies()) {
            for (String source : copy.sources()) {
                copy(ROOT, ROOT.resolve(source), target(workdir, copy, source), ignored);
            }
        }
        assertThat(dockerfile.runs()).isNotEmpty();

        for (String run : dockerfile.runs()) {
            // package into the folder's target/ only: an install would write into the shared ~/.m2
            assertThat(run).doesNotContain(" install").doesNotContain(" deploy");
            Path log = ROOT.resolve("local/target/dockerfile-" + module + "-build.log");
            Process build = new ProcessBuilder("/bin/sh", "-c", run + " -o")
                    .directory(workdir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertThat(build.waitFor(10, TimeUnit.MINUTES))
                    .as("the build finished in 10 minutes")
                    .isTrue();
            assertThat(build.exitValue())
                    .as(run + " -o in a folder with what the Dockerfile copies; see " + log + ":\n" + tail(log))
                    .isZero();
        }
        return context;
    }

    /** Where a COPY puts {@code source}: into the destination folder, or as the destination itself. */
    private static Path target(Path workdir, Dockerfile.Copy copy, String source) {
        Path destination = workdir.resolve(copy.destination());
        boolean intoFolder = copy.destination().endsWith("/") || copy.sources().size() > 1;
        return intoFolder && !Files.isDirectory(ROOT.resolve(source))
                ? destination.resolve(Path.of(source).getFileName())
                : destination;
    }

    /** A file to its target; a folder's contents into the target folder, as COPY does. */
    private static void copy(Path root, Path source, Path target, List<PathMatcher> ignored) throws IOException {
        assertThat(source).as("a path the Dockerfile copies").exists();
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                if (ignored(root.relativize(path), ignored)) {
                    continue;
                }
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** A path is left out when it, or a folder above it, matches a .dockerignore line. */
    private static boolean ignored(Path relative, List<PathMatcher> ignored) {
        for (Path part = relative; part != null && !part.toString().isEmpty(); part = part.getParent()) {
            Path candidate = part;
            if (ignored.stream().anyMatch(matcher -> matcher.matches(candidate))) {
                return true;
            }
        }
        return false;
    }

    private static List<PathMatcher> dockerignore() throws IOException {
        Path file = ROOT.resolve(".dockerignore");
        assertThat(file).exists();
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .flatMap(pattern -> pattern.startsWith("**/")
                        ? Stream.of(pattern, pattern.substring(3)) // Docker's **/ matches no folder too
                        : Stream.of(pattern))
                .map(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern))
                .toList();
    }

    private static List<Path> glob(Path context, String absolute) throws IOException {
        Path pattern = context.resolve(absolute.replaceFirst("^/", ""));
        PathMatcher matcher = FileSystems.getDefault()
                .getPathMatcher("glob:" + pattern.toString().replace(File.separator, "/"));
        try (Stream<Path> files = Files.list(pattern.getParent())) {
            return files.filter(matcher::matches).toList();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
