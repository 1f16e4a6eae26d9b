package org.clearway.routing.bench;

import org.clearway.routing.check.CheckReport;
import org.clearway.routing.model.Solution;

/** One instance's outcome. */
public record BenchmarkResult(BenchmarkInstance instance, Solution solution, CheckReport check, double seconds) {

    /** Distance above the best-known one, in percent. */
    public double gapPercent() {
        double best = instance.bestKnown().cost();
        return (solution.distance() - best) / best * 100.0;
    }

    /** Trucks above the best-known count. */
    public int extraVehicles() {
        return solution.vehiclesUsed() - instance.bestKnown().vehicles();
    }
}
