package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.UrgentInsertion;
import org.clearway.routing.insert.CheapestInsertion;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Servable;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;

/**
 * The default planner: the project's own searches, for every problem the format expresses, with no native library.
 * Plain problems (one depot, identical trucks, one stream, no facilities; {@link CompactProblem#of}) go to SISR
 * ({@link RuinRecreateSearch}); everything else, and a plain problem SISR cannot serve completely, to the multi-trip
 * search over the whole waste model ({@link TripSearch}). A day that needs more than the fleet gives
 * ({@link FleetBound}) goes straight to the multi-trip search, which leaves out the stops of least drop weight, and
 * its status says why. Urgent stops are inserted by {@link CheapestInsertion}, which keeps the driven part of every
 * route as it is.
 *
 * <p>With an iteration limit ({@link PlanOptions#maxIterations()}) each search runs that many iterations and its
 * annealing follows them, not the clock: a seed gives the same plan on any machine. The time limit is then a safety
 * cap; a search it cut short says {@value #TIME_CAP} in its status and {@link SolveStats#timeCapped()}.
 */
public final class SearchPlanner implements RoutePlanner {

    /**
     * When SISR could not serve every stop of a plain problem, the multi-trip search still gets at least this share of
     * the budget (the call may then overrun its budget by up to this share).
     */
    private static final double FALLBACK_SHARE = 0.25;
    /** Status word of a search with an iteration limit that its time limit cut short. */
    public static final String TIME_CAP = "TIME_CAP";

    @Override
    public Solution plan(Problem problem, PlanOptions options) {
        long startNanos = System.nanoTime();
        long deadline = startNanos + options.timeLimit().toNanos();
        ProblemIndex index = new ProblemIndex(problem);
        Servable split = Servable.of(problem, index, options.seed());
        List<Stop> servable = split.stops();
        List<String> unservable = split.unservable();
        if (servable.isEmpty()) {
            return Solution.of(index, List.of(), unservable, new SolveStats("NOTHING_TO_PLAN", elapsed(startNanos), 0));
        }
        Optional<String> exceeds = FleetBound.exceeded(problem, servable);
        if (exceeds.isEmpty()) {
            Optional<CompactProblem> compact = CompactProblem.of(problem, servable, index.metric());
            if (compact.isPresent()) {
                RuinRecreateSearch search = new RuinRecreateSearch(compact.get(), options.seed(), options.listener(),
                        startNanos);
                RuinRecreateSearch.Result result = (options.earlyStop() ? search : search.withoutEarlyStop())
                        .solve(deadline, options.maxIterations(), options.minimiseVehicles());
                if (result.unassigned() == 0) {
                    List<Route> routes = compact.get().routes(result.tours(), new RouteBuilder(index));
                    return Solution.of(index, routes, unservable, new SolveStats("RUIN_AND_RECREATE "
                            + result.iterations() + " iterations" + capped(result.timeCapped(), options),
                            elapsed(startNanos), result.improvements(), result.iterations(), result.timeCapped()));
                }
                long floor = System.nanoTime() + (long) (FALLBACK_SHARE * options.timeLimit().toNanos());
                deadline = Math.max(deadline, floor);
            }
        }
        FleetModel model = FleetModel.of(options.minimiseVehicles() ? fleetFirst(problem, servable, index) : problem,
                servable, index.metric());
        TripSearch search = new TripSearch(model, options.seed(), options.listener(), startNanos,
                options.minimiseVehicles());
        TripSearch.Result result = (options.earlyStop() ? search : search.withoutEarlyStop())
                .solve(deadline, options.maxIterations(), new RouteBuilder(index));
        List<String> unplanned = new ArrayList<>(unservable);
        unplanned.addAll(result.unplanned());
        String status = "RUIN_AND_RECREATE_TRIPS " + result.iterations() + " iterations"
                + (result.stoppedIdle() ? ", stopped after " + TripSearch.idleLimit(servable.size())
                + " without a better plan" : "")
                + capped(result.timeCapped(), options)
                + exceeds.map(why -> ", EXCEEDS_FLEET: " + why).orElse("");
        return Solution.of(index, result.routes(), unplanned, new SolveStats(status, elapsed(startNanos),
                result.improvements(), result.iterations(), result.timeCapped()));
    }

    private static String capped(boolean timeCapped, PlanOptions options) {
        return timeCapped ? ", " + TIME_CAP + " " + options.timeLimit().toMillis() + " ms before "
                + options.maxIterations() + " iterations" : "";
    }

    /**
     * Fewest trucks first on the whole model: every truck's fixed cost is raised by four times the distance from
     * each stop to the farthest depot or facility, summed over the stops (on a metric distance, more than a plan
     * drives), so the search gives up any distance for a truck fewer. Only the search sees the raised costs: the
     * plan is reported and checked with the trucks' own.
     */
    private static Problem fleetFirst(Problem problem, List<Stop> servable, ProblemIndex index) {
        double bound = 0;
        for (Stop stop : servable) {
            double farthest = 0;
            for (Depot depot : problem.depots()) {
                farthest = Math.max(farthest, index.metric().distance(depot.location(), stop.location()));
            }
            for (Facility facility : problem.facilities()) {
                farthest = Math.max(farthest, index.metric().distance(facility.location(), stop.location()));
            }
            bound += 4 * farthest;
        }
        List<Vehicle> trucks = new ArrayList<>();
        for (Vehicle v : problem.vehicles()) {
            trucks.add(new Vehicle(v.id(), v.depotId(), v.capacity(), v.streams(), v.shiftStart(), v.shiftEnd(),
                    v.breakRule(), v.fixedCost() + Math.max(1, bound), v.endEmpty(), v.shiftCap(), v.maxStops()));
        }
        return problem.withVehicles(trucks);
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public UrgentInsertion insertUrgent(Problem problem, Solution running, Stop urgent, double now) {
        return new CheapestInsertion().insert(problem, running, urgent, now);
    }
}
