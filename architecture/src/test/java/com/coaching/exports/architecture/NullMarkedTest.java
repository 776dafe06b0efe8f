package com.coaching.exports.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * NullAway checks only the packages marked {@code @NullMarked}: a main package without a
 * package-info.java that says so would leave its nulls unchecked, and nothing would say.
 */
class NullMarkedTest {

    private static final Pattern NULL_MARKED =
            Pattern.compile("(?m)^@(org\\.jspecify\\.annotations\\.)?NullMarked\\s+package\\s+[\\w.]+;");

    @Test
    void every_main_package_is_null_marked_in_its_package_info() {
        Set<Path> packages = new TreeSet<>();
        for (Path file : SourceTree.javaFiles("main")) {
            packages.add(file.getParent());
        }
        List<String> unmarked = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            if (!Files.isRegularFile(SourceTree.root().resolve(info))) {
                unmarked.add(dir + ": no package-info.java");
            } else if (!NULL_MARKED.matcher(SourceTree.read(info)).find()) {
                unmarked.add(info + ": not @NullMarked");
            }
        }
        assertThat(packages).as("main packages found").hasSizeGreaterThan(40);
        assertThat(unmarked)
                .as("main packages NullAway does not check (add a package-info.java with @NullMarked)")
                .isEmpty();
    }
}
