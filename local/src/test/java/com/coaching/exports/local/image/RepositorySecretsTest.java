package com.coaching.exports.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.secret.DevSecrets;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The refusal of "a secret that appears in this repository" holds only while {@link DevSecrets} lists every
 * one: this test reads the repository's sources, settings and compose files for secret-looking values.
 */
class RepositorySecretsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A long dashed word with "secret" in it: how every dev secret here is spelt (not a dotted setting name). */
    static final Pattern SECRET_LIKE = Pattern.compile("[A-Za-z0-9!_+-]*(?i:secret)[A-Za-z0-9!_+-]*");

    /** In settings files: a key naming a token or link secret, and its value. */
    static final Pattern SECRET_SETTING =
            Pattern.compile("(?i)(?:jwt|links?)[._-]secret\\s*[:=]\\s*[\"']?([^\\s\"'#]*)");

    static final Set<String> SKIPPED = Set.of(".git", "target", ".local", "node_modules");

    @Test
    void every_secret_written_in_the_repository_is_on_the_list_the_services_refuse() throws IOException {
        List<String> unlisted = new ArrayList<>();
        List<Path> files = files();
        assertThat(files)
                .anyMatch(file -> file.endsWith("docker-compose.yml"))
                .anyMatch(file -> file.endsWith("Tokens.java"));
        for (Path file : files) {
            String text = read(file);
            Matcher word = SECRET_LIKE.matcher(text);
            while (word.find()) {
                String value = word.group();
                if (value.length() >= 32 && value.contains("-") && !listed(value)) {
                    unlisted.add(ROOT.relativize(file) + ": " + value);
                }
            }
            if (!file.toString().endsWith(".java") && !file.toString().endsWith(".md")) {
                Matcher setting = SECRET_SETTING.matcher(text);
                while (setting.find()) {
                    String value = setting.group(1);
                    if (!value.isEmpty() && !value.startsWith("${") && !listed(value)) {
                        unlisted.add(ROOT.relativize(file) + ": " + setting.group());
                    }
                }
            }
        }

        assertThat(unlisted)
                .as("secrets written in the repository but missing from DevSecrets.ALL")
                .isEmpty();
    }

    @Test
    void the_list_holds_the_secrets_the_run_command_and_the_tests_use() {
        assertThat(DevSecrets.ALL)
                .contains(
                        DevSecrets.LOCAL_JWT,
                        DevSecrets.LOCAL_LINKS,
                        DevSecrets.TEST_JWT,
                        DevSecrets.TEST_LINKS,
                        DevSecrets.OLD_COMPOSE_JWT,
                        DevSecrets.OLD_COMPOSE_LINKS);
        assertThat(DevSecrets.ALL)
                .allSatisfy(secret -> assertThat(secret.length()).isGreaterThanOrEqualTo(32));
    }

    /** A listed secret, or a word around one (e.g. {@code "exports.links.secret=" + …} written out). */
    private static boolean listed(String value) {
        return DevSecrets.ALL.stream().anyMatch(value::contains);
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> paths = Files.walk(ROOT)) {
            return paths.filter(path -> {
                        for (Path part : ROOT.relativize(path)) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(Files::isRegularFile)
                    .filter(
                            path -> path.getFileName()
                                    .toString()
                                    .matches(
                                            ".*\\.(java|ya?ml|properties|json|conf|md|sql|sh|html|js)|Dockerfile|\\.env.*|run(-local)?"))
                    .toList();
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            return "";
        }
    }
}
