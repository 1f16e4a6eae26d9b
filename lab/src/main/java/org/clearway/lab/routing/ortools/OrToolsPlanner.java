package org.clearway.lab.routing.ortools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.ProgressListener;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.UrgentInsertion;
import org.clearway.routing.insert.CheapestInsertion;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Servable;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Stop;

/**
 * Plans with the OR-Tools routing library (see {@link SolverModel} for the model). Not the default planner
 * ({@code org.clearway.routing.lns.SearchPlanner} is): it loses on every benchmark of docs/routing.md and is kept
 * for comparison ({@code --engine ortools}) and for the policy evaluation, whose published figures were measured with
 * it. Urgent stops are inserted by our own {@link CheapestInsertion}, which keeps the driven part of every route as
 * it is.
 */
public final class OrToolsPlanner implements RoutePlanner {

    private final SearchSettings settings;

    public OrToolsPlanner() {
        this(SearchSettings.defaults());
    }

    public OrToolsPlanner(SearchSettings settings) {
        this.settings = settings;
    }

    @Override
    public Solution plan(Problem problem, PlanOptions options) {
        NativeLibraries.ensureLoaded();
        long startNanos = System.nanoTime();
        ProblemIndex index = new ProblemIndex(problem);
        Servable split = Servable.of(problem, index, options.seed());
        List<Stop> servable = split.stops();
        List<String> unservable = split.unservable();
        NodeLayout layout = new NodeLayout(problem, servable);
        ScaledMatrices matrices = new ScaledMatrices(layout, index.metric());
        Search search = new Search(layout, problem.vehicles(), matrices, new AssignmentReader(index), settings,
                options.listener(), startNanos);
        Search.Result result = options.minimiseVehicles()
                ? minimiseVehicles(search, options.timeLimit(), startNanos)
                : FinalUnloads.needed(problem.vehicles()) && !problem.facilities().isEmpty()
                ? endingEmpty(search, new Search(layout, FinalUnloads.relaxed(problem.vehicles()), matrices,
                        new AssignmentReader(index), settings, ProgressListener.NONE, startNanos), index, options.timeLimit(),
                        startNanos)
                : search.run(0, 0, options.timeLimit(), null);
        List<String> unplanned = new ArrayList<>(unservable);
        unplanned.addAll(result.unplanned());
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        return Solution.of(index, result.routes(), unplanned, new SolveStats(result.status(), elapsed, result.solutions()));
    }

    /**
     * Fewest trucks first: a first search with a fixed cost per truck, then searches that allow one truck fewer,
     * started from the best routes without their shortest route, as long as every stop still gets served; the
     * time left polishes the best one.
     */
    private static Search.Result minimiseVehicles(Search search, Duration budget, long startNanos) {
        long fixed = 2 * search.maxArcCost();
        Search.Result best = search.run(fixed, 0, scale(budget, 0.3), null);
        while (best.vehiclesUsed() > 1) {
            Duration left = remaining(budget, startNanos);
            if (left.compareTo(scale(budget, 0.2)) < 0) {
                break;
            }
            List<Route> seed = new ArrayList<>(best.routes());
            seed.remove(seed.stream().min(Comparator.comparingLong(Route::stopCount)).orElseThrow());
            Search.Result fewer = search.run(fixed, best.vehiclesUsed() - 1, scale(left, 0.5), seed);
            if (fewer.unplanned().size() > best.unplanned().size() || fewer.vehiclesUsed() >= best.vehiclesUsed()) {
                break;
            }
            best = fewer;
        }
        Duration left = remaining(budget, startNanos);
        if (left.toMillis() > 200) {
            Search.Result polished = search.run(0, best.vehiclesUsed(), left, best.routes());
            if (polished.unplanned().size() <= best.unplanned().size() && polished.vehiclesUsed() <= best.vehiclesUsed()
                    && polished.distance() < best.distance()) {
                best = polished;
            }
        }
        return best;
    }

    /**
     * Trucks that must end empty: 30 % of the budget solves without the rule, the rest searches with it from those
     * routes closed by final unloads ({@link FinalUnloads}); from its own first solution when they are not feasible.
     */
    private static Search.Result endingEmpty(Search search, Search relaxed, ProblemIndex index, Duration budget,
                                             long startNanos) {
        Search.Result loose = relaxed.run(0, 0, scale(budget, 0.3), null);
        return search.run(0, 0, remaining(budget, startNanos), FinalUnloads.closed(loose.routes(), index));
    }

    private static Duration remaining(Duration budget, long startNanos) {
        Duration left = budget.minusNanos(System.nanoTime() - startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration scale(Duration duration, double factor) {
        return Duration.ofMillis(Math.max(1, Math.round(duration.toMillis() * factor)));
    }

    @Override
    public UrgentInsertion insertUrgent(Problem problem, Solution running, Stop urgent, double now) {
        return new CheapestInsertion().insert(problem, running, urgent, now);
    }
}
