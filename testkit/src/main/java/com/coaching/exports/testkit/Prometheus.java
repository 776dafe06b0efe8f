package com.coaching.exports.testkit;

import java.util.Arrays;
import java.util.Optional;

/** Reads one sample out of a Prometheus text scrape. */
public final class Prometheus {

    private Prometheus() {}

    /**
     * The value of the first sample of {@code name} whose labels contain all of {@code labels}; 0 when there is
     * none, as for a counter not yet incremented. Where the series must be there, use {@link #sample}.
     */
    public static double value(String scrape, String name, String... labels) {
        return sample(scrape, name, labels).orElse(0.0);
    }

    /** The value of the first sample of {@code name} whose labels contain all of {@code labels}, if there is one. */
    public static Optional<Double> sample(String scrape, String name, String... labels) {
        for (String line : (Iterable<String>) scrape.lines()::iterator) {
            if (line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains)) {
                return Optional.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return Optional.empty();
    }
}
