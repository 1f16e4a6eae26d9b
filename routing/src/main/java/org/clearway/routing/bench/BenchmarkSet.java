package org.clearway.routing.bench;

import java.util.Locale;

/** The benchmark families in {@code benchmarks/vrp-data}, each with its own conventions. */
public enum BenchmarkSet {
    /** CVRPLIB: EUC_2D distances rounded to the nearest integer per edge; distance only. */
    CVRP("cvrplib"),
    /** Solomon VRPTW: real-valued Euclidean distance and time; fewest vehicles first, then distance. */
    SOLOMON("solomon"),
    /** Christofides-Mingozzi-Toth in its original form: real-valued distances, drop times, route-length limits. */
    CHRISTOFIDES("christofides", 1, 10),
    /**
     * Kim, Kim and Sahoo (2006) waste collection: landfills, lunch breaks, a shift cap and a stop limit; distances in
     * feet, compared in miles; 60 s per instance by default.
     */
    KIM("kim2006", KimReader.FEET_PER_MILE, 60);

    private final String folder;
    private final double unitsPerReported;
    private final double defaultSeconds;

    BenchmarkSet(String folder) {
        this(folder, 1, 10);
    }

    BenchmarkSet(String folder, double unitsPerReported, double defaultSeconds) {
        this.folder = folder;
        this.unitsPerReported = unitsPerReported;
        this.defaultSeconds = defaultSeconds;
    }

    /** Our distance units per unit of the published results (feet per mile for Kim et al.). */
    public double unitsPerReported() {
        return unitsPerReported;
    }

    /** The benchmark's time per instance when none is given. */
    public double defaultSeconds() {
        return defaultSeconds;
    }

    public String folder() {
        return folder;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
