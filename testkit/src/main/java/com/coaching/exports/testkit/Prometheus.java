package com.coaching.exports.testkit;

/** Reads one sample out of a Prometheus text scrape. */
public final class Prometheus {

    private Prometheus() {}

    /** The value of the first sample of {@code name} whose labels contain all of {@code labels}; 0 when there is none. */
    public static double value(String scrape, String name, String... labels) {
        for (String line : (Iterable<String>) scrape.lines()::iterator) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
