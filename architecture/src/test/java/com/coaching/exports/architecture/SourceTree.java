package com.coaching.exports.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's files as the tests that read them (not classes) see them: sources and docs. */
final class SourceTree {

    private SourceTree() {}

    /** The repository's root: the first directory up from this module's that holds docs/ and a pom. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "no repository root above " + Path.of("").toAbsolutePath());
    }

    /** The Java files under {@code <module>/src/<set>/java} of every module, {@code set} main or test. */
    static List<Path> javaFiles(String set) {
        Path root = root();
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(module -> module.resolve("src").resolve(set).resolve("java"))
                    .filter(Files::isDirectory)
                    .flatMap(SourceTree::javaFilesUnder)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFilesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
