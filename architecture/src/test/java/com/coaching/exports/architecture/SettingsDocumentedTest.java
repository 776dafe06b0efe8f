package com.coaching.exports.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/operations.md's table of settings is the configuration metadata the build writes
 * ({@code META-INF/spring-configuration-metadata.json} of every module: the records' {@code @param}
 * Javadoc, their defaults, and the additional metadata of what a placeholder reads): every
 * {@code exports.*} property is in the table and every row is a property, with its environment variable
 * and, where the metadata knows one, its default.
 */
class SettingsDocumentedTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(exports\\.[^`]+)` \\|(.*)\\|\\s*$");
    private static final Pattern LEADING_CODE = Pattern.compile("^`([^`]*)`");
    /** {@code ${exports.name}} or {@code ${exports.name:default}}, in a settings file or an annotation. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(exports\\.[a-z0-9.-]+)(?::([^}]*))?}");

    private final Map<String, Setting> metadata = metadata();
    private final List<Row> table = table();

    @Test
    void every_setting_in_the_metadata_is_in_the_table_and_every_row_is_a_setting() {
        var documented = new TreeSet<>(table.stream().map(Row::name).toList());
        var undocumented = new TreeSet<>(metadata.keySet());
        undocumented.removeAll(documented);
        var stale = new TreeSet<>(documented);
        stale.removeAll(metadata.keySet());

        assertThat(undocumented)
                .as("settings in the configuration metadata without a row in docs/operations.md")
                .isEmpty();
        assertThat(stale)
                .as("rows in docs/operations.md that no configuration metadata has (stale, or misspelt)")
                .isEmpty();
    }

    @Test
    void the_table_is_sorted_by_name_once_each_so_that_a_new_row_has_one_place() {
        List<String> names = table.stream().map(Row::name).toList();
        List<String> sorted = new ArrayList<>(new TreeSet<>(names));

        assertThat(names).isEqualTo(sorted);
    }

    @Test
    void each_row_names_the_environment_variable_that_sets_it() {
        for (Row row : table) {
            assertThat(row.variable()).as(row.name()).isEqualTo("`" + variable(row.name()) + "`");
        }
    }

    @Test
    void each_row_gives_the_default_the_code_has() {
        for (Row row : table) {
            Setting setting = metadata.get(row.name());
            if (setting == null) {
                continue; // the first test names it
            }
            Optional<String> documented = leadingCode(row.defaultValue());
            assertThat(documented.map(SettingsDocumentedTest::normalized))
                    .as("the default of %s in docs/operations.md", row.name())
                    .isEqualTo(setting.defaultValue().map(SettingsDocumentedTest::normalized));
            assertThat(row.meaning()).as("the meaning of %s", row.name()).isNotBlank();
        }
    }

    @Test
    void a_renamed_setting_says_it_is_deprecated_and_names_its_replacement() {
        for (Row row : table) {
            Setting setting = metadata.get(row.name());
            if (setting != null && setting.replacement().isPresent()) {
                assertThat(row.meaning())
                        .as(row.name())
                        .startsWith("deprecated")
                        .contains("`" + setting.replacement().get() + "`");
            }
        }
    }

    @Test
    void every_setting_a_placeholder_reads_has_metadata_with_the_placeholders_default() {
        Map<String, String> placeholders = placeholders();

        assertThat(placeholders).isNotEmpty();
        placeholders.forEach((name, fallback) -> {
            assertThat(metadata.keySet())
                    .as("settings in the metadata: %s is read through a placeholder", name)
                    .contains(name);
            if (!fallback.isEmpty()) {
                assertThat(metadata.get(name).defaultValue().map(SettingsDocumentedTest::normalized))
                        .as("the default of %s", name)
                        .contains(normalized(fallback));
            }
        });
    }

    /** {@code exports.jobs.max-active} is set by {@code EXPORTS_JOBS_MAX_ACTIVE}. */
    static String variable(String name) {
        return name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static Optional<String> leadingCode(String cell) {
        Matcher code = LEADING_CODE.matcher(cell.strip());
        return code.find() ? Optional.of(code.group(1)) : Optional.empty();
    }

    /** {@code [5s, 5m]} and {@code 5s,5m} alike. */
    private static String normalized(String value) {
        return value.replaceAll("[\\[\\]\\s]", "");
    }

    private static List<Row> table() {
        String operations = SourceTree.read(Path.of("docs", "operations.md"));
        List<Row> rows = new ArrayList<>();
        Matcher row = ROW.matcher(operations);
        while (row.find()) {
            String[] cells = row.group(2).split("\\|", -1);
            assertThat(cells)
                    .as("the row of %s: variable, default, meaning", row.group(1))
                    .hasSize(3);
            rows.add(new Row(row.group(1), cells[0].strip(), cells[1].strip(), cells[2].strip()));
        }
        assertThat(rows).as("rows of docs/operations.md's settings table").isNotEmpty();
        return rows;
    }

    /** Every module's {@code exports.*} properties, by name. */
    private static Map<String, Setting> metadata() {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Setting> settings = new TreeMap<>();
        try {
            for (URL file : Collections.list(SettingsDocumentedTest.class
                    .getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = file.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        if (name.startsWith("exports.")) {
                            settings.put(name, Setting.of(property));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(settings)
                .as("exports.* settings in the metadata on the class path")
                .isNotEmpty();
        return settings;
    }

    /** What the settings files and the main code read through {@code ${exports.…}}, with the default given there. */
    private static Map<String, String> placeholders() {
        Map<String, String> found = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>(SourceTree.javaFiles("main"));
        files.addAll(settingsFiles());
        for (Path file : files) {
            Matcher placeholder = PLACEHOLDER.matcher(SourceTree.read(file));
            while (placeholder.find()) {
                found.put(placeholder.group(1), placeholder.group(2) == null ? "" : placeholder.group(2));
            }
        }
        return found;
    }

    private static List<Path> settingsFiles() {
        Path root = SourceTree.root();
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(module -> module.resolve("src/main/resources"))
                    .filter(Files::isDirectory)
                    .flatMap(resources -> {
                        try (Stream<Path> in = Files.list(resources)) {
                            return in.filter(file -> file.toString().endsWith(".yml")).toList().stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(root::relativize)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(String name, String variable, String defaultValue, String meaning) {}

    private record Setting(Optional<String> defaultValue, Optional<String> replacement) {

        static Setting of(JsonNode property) {
            JsonNode value = property.path("defaultValue");
            Optional<String> defaultValue = Optional.empty();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asString()));
                defaultValue = Optional.of(String.join(",", items));
            } else if (!value.isMissingNode() && !value.isNull()) {
                defaultValue = Optional.of(value.asString());
            }
            JsonNode replacement = property.path("deprecation").path("replacement");
            return new Setting(
                    defaultValue, replacement.isMissingNode() ? Optional.empty() : Optional.of(replacement.asString()));
        }
    }
}
