package com.coaching.exports.api.export;

import com.coaching.exports.api.web.FieldProblem;
import com.coaching.exports.shared.dataset.Column;
import com.coaching.exports.shared.dataset.Dataset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a request chooses among a dataset's own names, checked against the dataset: its {@code
 * columns} (by header or key) and its {@code status} filter. Each list names at least one, each
 * name is the dataset's, none twice; a problem lists the names the field takes.
 */
final class DatasetChoices {

    private DatasetChoices() {}

    static void checkColumns(Dataset chosen, List<String> columns, List<FieldProblem> errors) {
        String valid = "; the columns of " + chosen.id() + " are " + String.join(", ", chosen.headers())
                + " (or their keys: "
                + String.join(", ", chosen.columns().stream().map(Column::key).toList()) + ")";
        check("columns", "column", columns, chosen::column, valid, errors);
    }

    static void checkStatus(Dataset chosen, List<String> status, List<FieldProblem> errors) {
        if (chosen.statuses().isEmpty()) {
            errors.add(new FieldProblem("status", "applies to " + datasetsWithStatuses() + " only"));
            return;
        }
        String valid = "; the statuses of " + chosen.id() + " are " + String.join(", ", chosen.statuses());
        check(
                "status",
                "status",
                status,
                named -> chosen.statuses().contains(named) ? Optional.of(named) : Optional.empty(),
                valid,
                errors);
    }

    /** Two names of the same thing ({@code Amount} and {@code amount}) are the same name twice. */
    private static <T> void check(
            String field,
            String noun,
            List<String> names,
            Function<String, Optional<T>> resolve,
            String valid,
            List<FieldProblem> errors) {
        if (names.isEmpty()) {
            errors.add(new FieldProblem(field, "must name at least one " + noun + valid));
            return;
        }
        Set<T> seen = new HashSet<>();
        for (String name : names) {
            T named = name == null ? null : resolve.apply(name).orElse(null);
            if (named == null) {
                errors.add(new FieldProblem(field, "has no " + noun + " " + name + valid));
                return;
            }
            if (!seen.add(named)) {
                errors.add(new FieldProblem(field, "names " + name + " more than once" + valid));
                return;
            }
        }
    }

    private static String datasetsWithStatuses() {
        return String.join(
                " and ",
                Arrays.stream(Dataset.values())
                        .filter(d -> !d.statuses().isEmpty())
                        .map(Dataset::id)
                        .toList());
    }
}
