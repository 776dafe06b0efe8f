package com.coaching.exports.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A main class longer than a screenful or five does several things: split it by what it does. */
class ClassSizeTest {

    static final int MAX_LINES = 250;

    /** Files over the limit that others are splitting; each leaves this list once it is split. */
    private static final Set<String> ALLOWED = Set.of();

    @Test
    void no_main_class_is_longer_than_250_lines() {
        List<Path> files = SourceTree.javaFiles("main");
        List<String> tooLong = new ArrayList<>();
        for (Path file : files) {
            String name = file.toString().replace('\\', '/');
            long lines = SourceTree.read(file).lines().count();
            if (lines > MAX_LINES && !ALLOWED.contains(name)) {
                tooLong.add(name + ": " + lines + " lines");
            }
        }
        assertThat(files).as("main classes found").hasSizeGreaterThan(100);
        assertThat(tooLong)
                .as("main classes over %d lines (split them by what they do)", MAX_LINES)
                .isEmpty();
    }
}
