package com.coaching.exports.api;

/** Reads one sample out of a Prometheus text scrape. */
final class Prometheus {

    private Prometheus() {
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}; 0 when there is none. */
    static double value(String scrape, String name, String label) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
