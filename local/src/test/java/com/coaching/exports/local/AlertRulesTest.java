package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/prometheus as Prometheus reads it: {@code promtool} (Debian's {@code prometheus} package) checks the
 * configuration and the alerts and runs the alerts' tests. Skipped where promtool is not installed, unless
 * {@code EXPORTS_REQUIRE_PROMTOOL=true} ({@code .ci/run} installs it and sets it), where that fails the test.
 */
class AlertRulesTest {

    /** Set to {@code true} by {@code .ci/run}: the rules must be checked, never skipped. */
    static final String REQUIRE_PROMTOOL = "EXPORTS_REQUIRE_PROMTOOL";

    static final Path PROMETHEUS = ComposeFileTest.ROOT.resolve("deploy/prometheus");

    static Path promtool;

    @TempDir
    Path temp;

    @BeforeAll
    static void promtool() {
        Optional<Path> found = Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String missing = "no promtool on the PATH";
            // CI installs it and says so: there a missing promtool is a failure, not a skip
            assertThat(System.getenv(REQUIRE_PROMTOOL))
                    .as(missing + ", and " + REQUIRE_PROMTOOL + " forbids skipping the alert rules' checks")
                    .isNotEqualTo("true");
            assumeTrue(
                    false,
                    missing + "; install Debian's prometheus package (apt-get install prometheus), as .ci/run does,"
                            + " to check deploy/prometheus");
        }
        promtool = found.get();
    }

    @Test
    void the_alerts_load() throws Exception {
        Run check = promtool("check", "rules", PROMETHEUS.resolve("alerts.yml").toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + alertNames().size() + " rules found");
    }

    @Test
    void the_alerts_tests_pass() throws Exception {
        Run test =
                promtool("test", "rules", PROMETHEUS.resolve("alerts.test.yml").toString());

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void every_alert_fires_in_the_tests_and_at_least_one_test_shows_it_quiet() throws IOException {
        Map<String, Object> tests = new Yaml().load(Files.readString(PROMETHEUS.resolve("alerts.test.yml")));
        List<String> fired = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        for (Object test : (List<?>) tests.get("tests")) {
            for (Object check : (List<?>) map(test).get("alert_rule_test")) {
                String alert = String.valueOf(map(check).get("alertname"));
                (((List<?>) map(check).get("exp_alerts")).isEmpty() ? quiet : fired).add(alert);
            }
        }

        assertThat(fired).containsAll(alertNames());
        assertThat(quiet).isNotEmpty();
    }

    @Test
    void the_configuration_that_compose_mounts_is_valid_and_loads_the_alerts() throws Exception {
        Run check =
                promtool("check", "config", PROMETHEUS.resolve("prometheus.yml").toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void a_rule_prometheus_cannot_parse_fails_the_check() throws Exception {
        // the checks above can fail: promtool says no to a broken expression
        Path broken = temp.resolve("broken.yml");
        Files.writeString(broken, """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: sum(rate(exports_jobs_finished_total[15m]) >
                """);

        Run check = promtool("check", "rules", broken.toString());

        assertThat(check.exit()).isNotZero();
        assertThat(check.output()).contains("Broken").containsIgnoringCase("parse error");
    }

    /** The alert names of alerts.yml. */
    static List<String> alertNames() throws IOException {
        Map<String, Object> alerts = new Yaml().load(Files.readString(PROMETHEUS.resolve("alerts.yml")));
        List<String> names = new ArrayList<>();
        for (Object group : (List<?>) alerts.get("groups")) {
            for (Object rule : (List<?>) map(group).get("rules")) {
                names.add(String.valueOf(map(rule).get("alert")));
            }
        }
        return names;
    }

    private record Run(int exit, String output) {}

    private static Run promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(ComposeFileTest.ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("promtool " + command)
                .isTrue();
        return new Run(process.exitValue(), output);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
