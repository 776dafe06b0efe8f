package com.coaching.exports.shared.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The docs list exactly the moves {@link Move} declares: the table of moves and the state diagram in
 * docs/architecture.md ("Job states"), and the "States:" line of docs/api.md. A move added, dropped
 * or changed in one place alone fails here.
 */
class MovesDocumentedTest {

    static final Path DOCS = Path.of("..").toAbsolutePath().normalize().resolve("docs");
    static final String NONE = "–";

    @Test
    void the_table_of_moves_in_the_architecture_says_what_each_declared_move_does() throws IOException {
        List<String> documented = jobStates()
                .lines()
                .filter(line -> line.startsWith("| `"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::trim)
                        .collect(Collectors.joining(" | ")))
                .toList();

        assertThat(documented)
                .as("the table of moves in docs/architecture.md, \"Job states\"")
                .containsExactlyElementsOf(Arrays.stream(Move.values())
                        .map(MovesDocumentedTest::row)
                        .toList());
    }

    @Test
    void the_state_diagram_in_the_architecture_draws_each_declared_move_and_names_it() throws IOException {
        Matcher diagram = Pattern.compile("```mermaid\\s*\\nstateDiagram-v2\\n(.*?)```", Pattern.DOTALL)
                .matcher(jobStates());
        assertThat(diagram.find()).as("a stateDiagram-v2 in \"Job states\"").isTrue();
        Map<String, String> labels = new LinkedHashMap<>();
        Pattern edge = Pattern.compile("\\s*(\\[\\*]|\\w+)\\s*-->\\s*(\\w+)\\s*(?::\\s*(.*))?");
        for (String line : diagram.group(1).strip().lines().toList()) {
            Matcher m = edge.matcher(line);
            assertThat(m.matches()).as("a move in the diagram: " + line).isTrue();
            labels.put(pair(m.group(1).equals("[*]") ? null : m.group(1), m.group(2)), String.valueOf(m.group(3)));
        }

        assertThat(labels.keySet()).as("the diagram's moves").isEqualTo(declaredPairs(true));
        for (Move move : Move.values()) {
            assertThat(labels.get(pair(move))).as("the label of " + move).contains(move.verb());
        }
    }

    @Test
    void the_states_line_of_the_api_lists_each_declared_move_between_two_states() throws IOException {
        String api = Files.readString(DOCS.resolve("api.md"));
        int start = api.indexOf("\nStates: ");
        assertThat(start).as("a States: line in docs/api.md").isNotNegative();
        String states = api.substring(start, api.indexOf("\n\n", start)).replaceAll("\\([^)]*\\)", "");
        Set<String> documented = new TreeSet<>();
        Matcher chain = Pattern.compile("`([A-Z |→]+)`").matcher(states);
        while (chain.find()) {
            String[] steps = chain.group(1).split("→");
            for (int i = 1; i < steps.length; i++) {
                for (String from : steps[i - 1].split("\\|")) {
                    for (String to : steps[i].split("\\|")) {
                        documented.add(pair(from.trim(), to.trim()));
                    }
                }
            }
        }

        assertThat(documented).as("the moves of docs/api.md's States: line").isEqualTo(declaredPairs(false));
    }

    private static String jobStates() throws IOException {
        String architecture = Files.readString(DOCS.resolve("architecture.md"));
        int start = architecture.indexOf("\n## Job states\n");
        assertThat(start).as("a \"Job states\" section in docs/architecture.md").isNotNegative();
        return architecture.substring(start, architecture.indexOf("\n## ", start + 1));
    }

    private static Set<String> declaredPairs(boolean withCreation) {
        return Arrays.stream(Move.values())
                .filter(move -> withCreation || move.from() != null)
                .map(MovesDocumentedTest::pair)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String pair(Move move) {
        return pair(move.from() == null ? null : move.from().name(), move.to().name());
    }

    private static String pair(String from, String to) {
        return (from == null ? "[*]" : from) + " -> " + to;
    }

    /** The move as its row of the table reads: move, from, to, by, verb, webhook, mail, metric, message, removes. */
    private static String row(Move move) {
        List<String> cells = new ArrayList<>();
        cells.add(code(move.name()));
        cells.add(move.from() == null ? NONE : code(move.from().name()));
        cells.add(code(move.to().name()));
        cells.add(move.movers().stream().map(MovesDocumentedTest::words).collect(Collectors.joining(", ")));
        cells.add(move.verb());
        cells.add(move.webhookEvent() == null ? NONE : code(move.webhookEvent()));
        cells.add(move.mails() ? "yes" : NONE);
        cells.add(words(move.metric()));
        cells.add(words(move.publish()));
        cells.add(words(move.removes()));
        return String.join(" | ", cells);
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    private static String words(Enum<?> value) {
        return value.name().equals("NONE")
                ? NONE
                : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
