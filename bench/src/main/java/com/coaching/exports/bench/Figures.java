package com.coaching.exports.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's figures in the order they were measured, printed as one {@code name: value} a line. */
final class Figures {

    private final Map<String, String> figures = new LinkedHashMap<>();

    void put(String name, double value) {
        figures.put(name, format(value));
    }

    /** A figure that is a sentence rather than a number (a phase skipped, and why). */
    void putText(String name, String text) {
        figures.put(name, text);
    }

    /** The median of the runs, and each run in brackets when there were several. */
    void putMedian(String name, List<Double> runs) {
        put(name, median(runs));
        if (runs.size() > 1) {
            figures.put(
                    name,
                    figures.get(name) + " (runs: "
                            + String.join(
                                    ", ", runs.stream().map(Figures::format).toList()) + ")");
        }
    }

    void print() {
        figures.forEach((name, value) -> System.out.println(name + ": " + value));
    }

    static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
