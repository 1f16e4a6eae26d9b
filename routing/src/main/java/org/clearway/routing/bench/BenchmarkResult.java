package org.clearway.routing.bench;

import org.clearway.routing.check.CheckReport;
import org.clearway.routing.model.Solution;

/**
 * One instance's outcome. An instance passes only when the checker finds the plan feasible: every stop served and
 * every rule kept. A partial plan (stops left out) or an infeasible one fails, and its distance is not compared.
 */
public record BenchmarkResult(BenchmarkInstance instance, Solution solution, CheckReport check, double seconds) {

    /** Every stop served, every rule kept. */
    public boolean passed() {
        return check.feasible();
    }

    /** The plan's distance in the units of the published results (miles for Kim et al.). */
    public double reportedDistance() {
        return solution.distance() / instance.set().unitsPerReported();
    }

    /** Distance above the best-known one, in percent; NaN when the instance failed (nothing to compare). */
    public double gapPercent() {
        if (!passed()) {
            return Double.NaN;
        }
        double best = instance.bestKnown().cost();
        return (reportedDistance() - best) / best * 100.0;
    }

    /** Trucks above the best-known count. */
    public int extraVehicles() {
        return solution.vehiclesUsed() - instance.bestKnown().vehicles();
    }
}
