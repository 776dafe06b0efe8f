package com.coaching.exports.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names PromQL queries read, and those a {@code /actuator/prometheus} scrape shows: the dashboard and the
 * alerts may read only what the services expose.
 */
final class MetricNames {

    /** Recorded by Prometheus itself for each scrape, not exposed by a service. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    /** Label matchers, ranges and subqueries, and the label lists of by, without, on, ignoring, group_…. */
    private static final Pattern NOT_A_NAME = Pattern.compile(
            "\\{[^}]*}|\\[[^]]*]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\\$\\{?\\w+}?");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?![a-zA-Z0-9_:])(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan");

    private MetricNames() {}

    /** The metrics {@code expr} reads: its identifiers that are neither functions, keywords, labels nor numbers. */
    static Set<String> in(String expr) {
        String bare =
                NOT_A_NAME.matcher(STRING.matcher(expr).replaceAll("\"\"")).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group().replaceAll("\\s*\\($", "");
            boolean call = identifier.group(1) != null;
            boolean exponent = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!call && !exponent && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every metric a query of the Grafana dashboard reads, whatever the panel's nesting. */
    static Set<String> inDashboard(Path dashboard) {
        Set<String> names = new TreeSet<>();
        for (JsonNode expr :
                JsonMapper.builder().build().readTree(dashboard.toFile()).findValues("expr")) {
            names.addAll(in(expr.asString()));
        }
        return names;
    }

    /** Every metric an alert or recording rule of a Prometheus rule file reads. */
    static Set<String> inRules(Path rules) throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(rules));
        Set<String> names = new TreeSet<>();
        for (Object group : (List<?>) file.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                names.addAll(in(String.valueOf(((Map<?, ?>) rule).get("expr"))));
            }
        }
        return names;
    }

    /**
     * The series names a Prometheus text scrape shows: a histogram's {@code _bucket}, {@code _count} and
     * {@code _sum} each, as PromQL names them.
     */
    static Set<String> exposed(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : (Iterable<String>) scrape.lines()::iterator) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
