package org.clearway.routing.bench;

import java.util.function.Consumer;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.Solution;

/**
 * Plans one benchmark instance under its set's objective and checks the result. Solomon instances minimise
 * trucks first; the others minimise distance.
 */
public final class BenchmarkRunner {

    private final RoutePlanner planner;
    private final PlanOptions options;

    public BenchmarkRunner(RoutePlanner planner, PlanOptions options) {
        this.planner = planner;
        this.options = options;
    }

    public BenchmarkResult run(BenchmarkInstance instance, Consumer<String> progress) {
        PlanOptions effective = options.withMinimiseVehicles(instance.set() == BenchmarkSet.SOLOMON);
        long start = System.nanoTime();
        progress.accept(instance.name() + ": planning for " + effective.timeLimit().toMillis() / 1000.0 + " s");
        Solution solution = planner.plan(instance.problem(), effective);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BenchmarkResult(instance, solution, new FeasibilityChecker(instance.problem()).check(solution), seconds);
    }
}
