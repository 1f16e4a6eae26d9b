package org.clearway.lab.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.TravelMetric;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.StreamSpec;

/**
 * Plans a shift day with the dispatch {@link RoutePlanner}: by default one problem per district and stream (cluster
 * first, route second: each district's trucks serve its own bins; {@link Pooling} can join districts, with the trucks
 * of all their depots), each with the district's depot, the stream's facility
 * (open 05:00 to 20:00, 15 minutes to unload, several trips a shift allowed), and the
 * district's {@code trucksPerStream} trucks of the stream (06:00 to 14:00, 30-minute break). A truck used costs
 * the planner a fixed distance equal to the drive depot, facility, depot: its closing run (below), which the
 * planner does not route, so that a second truck goes out only when it saves more than that. Streets are a grid (Manhattan
 * distance) driven at 6 m/s (21.6 km/h, stops included in service times).
 *
 * <p>The trucks must end their shift empty, but the planner's descent cannot build routes that must end at a
 * facility (it inserts one stop at a time, and a stop alone breaks the rule, so it would drop every stop). So the
 * routes are planned ending at the depot, and a truck that still carries a load after its last stop gets its
 * closing run added to the day's distance: last stop, facility, depot instead of last stop, depot.
 *
 * <p>A stop's demand is the bin's volume times its expected fill at 10:00: the latest reading plus the stream's
 * median rate since then, at most 100 %; the weight follows from the stream's density.
 */
final class ShiftPlanner {

    static final double SPEED_M_PER_S = 6.0;
    static final long UNLOAD_S = 900;
    static final TimeWindow FACILITY_OPENING = new TimeWindow(5 * 3600, 20 * 3600);
    static final long DEMAND_AT_S = 10 * 3600;
    static final DistanceModel DISTANCES = DistanceModel.of(DistanceKind.MANHATTAN, SPEED_M_PER_S);
    private static final Set<String> CAPPED = Set.of("ROUTING_PARTIAL_SUCCESS_LOCAL_OPTIMUM_NOT_REACHED",
            "ROUTING_FAIL_TIMEOUT");

    private final City city;
    private final RoutePlanner planner;
    private final PlanOptions options;
    private final Pooling pooling;
    private final Duration timeCap;

    ShiftPlanner(City city, RoutePlanner planner, Duration timeCap, Pooling pooling) {
        this(city, planner, new PlanOptions(timeCap, 0, false, null), pooling);
    }

    /** With the planner's own options (e.g. an iteration limit); their time limit is the cap. */
    ShiftPlanner(City city, RoutePlanner planner, PlanOptions options, Pooling pooling) {
        this.city = city;
        this.planner = planner;
        this.options = options;
        this.pooling = pooling;
        this.timeCap = options.timeLimit();
    }

    /**
     * Whether the search stopped at the time cap rather than at its local optimum, its solution limit or its
     * iteration limit (none of which depends on the clock).
     */
    private boolean stoppedByClock(Solution solution) {
        return solution.stats().timeCapped()
                || CAPPED.contains(solution.stats().status()) && solution.stats().elapsedMillis() >= timeCap.toMillis();
    }

    ShiftPlanner(City city, RoutePlanner planner, Duration timeCap) {
        this(city, planner, timeCap, Pooling.DISTRICT);
    }

    /**
     * @param selected  the bins to empty
     * @param lastFill  each bin's latest reading, percent
     * @param lastAt    when it was taken (null: no reading yet, the bin counts as half full)
     */
    DayPlan plan(int day, List<Selection> selected, double[] lastFill, Instant[] lastAt) {
        Instant demandAt = Schedule.dayStart(day).plusSeconds(DEMAND_AT_S);
        Map<String, List<CityBin>> groups = new TreeMap<>();
        for (Selection s : selected) {
            CityBin bin = city.bins().get(s.bin());
            groups.computeIfAbsent(pooling.key(bin), k -> new ArrayList<>()).add(bin);
        }
        List<PlannedCollection> collections = new ArrayList<>();
        List<Integer> unplanned = new ArrayList<>();
        double metres = 0;
        int trucks = 0;
        int capped = 0;
        StreamFigures.Tally byStream = new StreamFigures.Tally();
        for (List<CityBin> group : groups.values()) {
            double metresBefore = metres;
            int trucksBefore = trucks;
            Map<String, Integer> byId = new HashMap<>();
            List<Stop> stops = new ArrayList<>();
            for (CityBin bin : group) {
                byId.put(bin.id(), bin.index());
                stops.add(stop(bin, expectedFill(bin, lastFill, lastAt, demandAt)));
            }
            Problem problem = problem(day, group.get(0), stops);
            Solution solution = planner.plan(problem, options);
            metres += solution.distance();
            for (Route route : solution.routes()) {
                metres += closingRun(problem, route);
            }
            capped += stoppedByClock(solution) ? 1 : 0;
            for (Route route : solution.routes()) {
                trucks += route.stopCount() > 0 ? 1 : 0;
                for (Visit visit : route.visits()) {
                    if (visit.kind() == VisitKind.STOP) {
                        collections.add(new PlannedCollection(byId.get(visit.id()),
                                Schedule.dayStart(day).plusMillis(Math.round(visit.start() * 1000))));
                    }
                }
            }
            solution.unplanned().forEach(id -> unplanned.add(byId.get(id)));
            byStream.add(group.get(0).stream().code(),
                    new StreamFigures((metres - metresBefore) / 1000, trucks - trucksBefore, 0, 0));
        }
        collections.sort(Comparator.comparing(PlannedCollection::at).thenComparingInt(PlannedCollection::bin));
        unplanned.sort(Integer::compare);
        return new DayPlan(collections, metres, trucks, unplanned, groups.size(), capped, byStream.figures());
    }

    /** The extra distance of unloading a truck that ends its route loaded: last stop, facility, depot. */
    static double closingRun(Problem problem, Route route) {
        List<Visit> visits = route.visits();
        if (visits.size() < 2) {
            return 0;
        }
        Visit last = visits.get(visits.size() - 2);
        if (last.kind() != VisitKind.STOP || last.load().isZero()) {
            return 0;
        }
        ProblemIndex index = new ProblemIndex(problem);
        TravelMetric metric = index.metric();
        Location from = index.stop(last.id()).location();
        Location facility = problem.facilities().get(0).location();
        Location depot = index.depot(index.vehicle(route.vehicleId()).depotId()).location();
        return metric.distance(from, facility) + metric.distance(facility, depot) - metric.distance(from, depot);
    }

    static double expectedFill(CityBin bin, double[] lastFill, Instant[] lastAt, Instant at) {
        Instant readAt = lastAt[bin.index()];
        if (readAt == null) {
            return 50;
        }
        double hours = Math.max(0, Duration.between(readAt, at).toSeconds() / 3600.0);
        return Math.min(100, lastFill[bin.index()] + bin.stream().medianRatePctPerHour() * hours);
    }

    private static Stop stop(CityBin bin, double fillPct) {
        StreamSpec s = bin.stream();
        double litres = s.binVolumeL() * fillPct / 100;
        return new Stop(bin.id(), Location.of(bin.x(), bin.y()), s.code(),
                new Load(Math.round(litres), Math.round(litres * s.densityKgPerL())), s.serviceSeconds(), TimeWindow.ALWAYS);
    }

    private Problem problem(int day, CityBin sample, List<Stop> stops) {
        StreamSpec stream = sample.stream();
        City.Site facilitySite = city.facilities().stream().filter(f -> f.id().equals(stream.facilityId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("stream " + stream.code() + " names facility "
                        + stream.facilityId() + " which the city does not have"));
        Facility facility = new Facility(facilitySite.id(), Location.of(facilitySite.x(), facilitySite.y()),
                Set.of(stream.code()), FACILITY_OPENING, UNLOAD_S);
        List<City.Site> depotSites = new ArrayList<>();
        for (int d = 0; d < city.depots().size(); d++) {
            if (pooling.shares(d, sample.district())) {
                depotSites.add(city.depots().get(d));
            }
        }
        TravelMetric metric = new TravelMetric(DISTANCES);
        List<Depot> depots = new ArrayList<>();
        List<Vehicle> vehicles = new ArrayList<>();
        for (City.Site depotSite : depotSites) {
            Depot depot = new Depot(depotSite.id(), Location.of(depotSite.x(), depotSite.y()));
            depots.add(depot);
            double fixedCost = 2 * metric.distance(depot.location(), facility.location());
            for (int k = 1; k <= city.config().trucksPerStream(); k++) {
                vehicles.add(new Vehicle(depotSite.id() + "-" + stream.code() + "-" + k, depotSite.id(),
                        new Load(stream.truckVolumeL(), stream.truckWeightKg()), Set.of(stream.code()),
                        Schedule.SHIFT_START_S, Schedule.SHIFT_END_S,
                        new BreakRule(Schedule.BREAK_EARLIEST_S, Schedule.BREAK_LATEST_S, Schedule.BREAK_S),
                        fixedCost, false));
            }
        }
        String where = pooling == Pooling.DISTRICT ? depotSites.get(0).id() : pooling.key(sample);
        return new Problem("day-" + day + "-" + where + "-" + stream.code(),
                DISTANCES, depots, List.of(facility), vehicles, stops);
    }
}
