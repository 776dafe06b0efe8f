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
import org.jspecify.annotations.Nullable;

/**
 * What a request chooses, checked: its {@code dataset} or {@code datasets} (a bundle), and among the
 * datasets' own names its {@code columns} (by header or key) and its {@code status} filter. Each list
 * names at least one, each name is known, none twice; a problem lists the names the field takes.
 */
final class DatasetChoices {

    private DatasetChoices() {}

    /** The datasets named by {@code dataset}, or by {@code datasets} for a bundle; {@code null} when at fault. */
    static @Nullable List<Dataset> chosen(
            @Nullable String dataset, @Nullable List<String> datasets, List<FieldProblem> errors) {
        String known = String.join(", ", Dataset.ids());
        if (datasets != null && dataset != null) {
            errors.add(new FieldProblem(
                    "datasets", "cannot be given with dataset: name one dataset, or several in datasets"));
            return null;
        }
        if (datasets != null) {
            int before = errors.size();
            check("datasets", "dataset", datasets, Dataset::byId, "; the datasets are " + known, errors);
            return errors.size() > before
                    ? null
                    : datasets.stream()
                            .map(id -> Dataset.byId(id).orElseThrow())
                            .toList();
        }
        if (dataset == null) {
            errors.add(new FieldProblem("dataset", "is required: one of " + known + " (or several in datasets)"));
            return null;
        }
        Optional<Dataset> one = Dataset.byId(dataset);
        if (one.isEmpty()) {
            errors.add(new FieldProblem("dataset", "must be one of " + known));
            return null;
        }
        return List.of(one.get());
    }

    /** A bundle's files have every column: it takes none. */
    static void checkColumns(List<Dataset> chosen, boolean bundle, List<String> columns, List<FieldProblem> errors) {
        if (bundle) {
            errors.add(
                    new FieldProblem("columns", "cannot be given with datasets: a bundle's files have every column"));
            return;
        }
        checkColumns(chosen.get(0), columns, errors);
    }

    private static void checkColumns(Dataset chosen, List<String> columns, List<FieldProblem> errors) {
        String valid = "; the columns of " + chosen.id() + " are " + String.join(", ", chosen.headers())
                + " (or their keys: "
                + String.join(", ", chosen.columns().stream().map(Column::key).toList()) + ")";
        check("columns", "column", columns, chosen::column, valid, errors);
    }

    /** In a bundle, a status of any of its datasets: each file takes its own dataset's ({@code Bundle}). */
    static void checkStatus(List<Dataset> chosen, List<String> status, List<FieldProblem> errors) {
        List<Dataset> filtered =
                chosen.stream().filter(d -> !d.statuses().isEmpty()).toList();
        if (filtered.isEmpty()) {
            errors.add(new FieldProblem("status", "applies to " + datasetsWithStatuses() + " only"));
            return;
        }
        String valid = "; the statuses of "
                + String.join(
                        "; of ",
                        filtered.stream()
                                .map(d -> d.id() + " are " + String.join(", ", d.statuses()))
                                .toList());
        check(
                "status",
                "status",
                status,
                named -> filtered.stream().anyMatch(d -> d.statuses().contains(named))
                        ? Optional.of(named)
                        : Optional.empty(),
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
