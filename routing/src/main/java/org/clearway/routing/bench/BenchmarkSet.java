package org.clearway.routing.bench;

import java.util.Locale;

/** The benchmark families in {@code benchmarks/vrp-data}, each with its own conventions. */
public enum BenchmarkSet {
    /** CVRPLIB: EUC_2D distances rounded to the nearest integer per edge; distance only. */
    CVRP("cvrplib"),
    /** Solomon VRPTW: real-valued Euclidean distance and time; fewest vehicles first, then distance. */
    SOLOMON("solomon"),
    /** Christofides-Mingozzi-Toth in its original form: real-valued distances, drop times, route-length limits. */
    CHRISTOFIDES("christofides");

    private final String folder;

    BenchmarkSet(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
