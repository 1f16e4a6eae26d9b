package org.clearway.lab.routing.ortools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import com.google.ortools.constraintsolver.IntervalVar;
import com.google.ortools.constraintsolver.RoutingDimension;
import com.google.ortools.constraintsolver.RoutingIndexManager;
import com.google.ortools.constraintsolver.RoutingModel;

import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;

/**
 * Builds the OR-Tools routing model for one search.
 *
 * <ul>
 *   <li>Arc cost: scaled distance; optional fixed cost per used truck.</li>
 *   <li>Capacity: one dimension for volume, one for weight. Facilities use the standard OR-Tools "reload"
 *   pattern: their transit is minus the truck's capacity (a transit per truck capacity) and their slack may bring
 *   the load back to anything down to zero; every other node has slack 0.</li>
 *   <li>Stream purity: when stops have several streams, one counting dimension per stream, reset at facilities
 *   the same way. At a stop of stream s the count of every other stream in the current load must be 0; at a
 *   facility the count of each stream it refuses must be 0.</li>
 *   <li>Shift totals: the shift cap (volume, weight, across all loads) and the stop limit as dimensions that count
 *   what a truck collects and are never reset, each capped per truck.</li>
 *   <li>Time: service plus rounded-up travel; stop windows, facility opening hours, shift start and end; the
 *   break as an interval of the vehicle ({@code setBreakIntervalsOfVehicle}).</li>
 *   <li>Every unload empties a load: no unload right after a start or another unload.</li>
 *   <li>Every stop is a disjunction with a large penalty (times the stop's {@code dropWeight}), so an overloaded
 *   day yields a partial plan that keeps the heavier stops; facility
 *   copies are disjunctions with penalty 0.</li>
 * </ul>
 */
final class SolverModel {

    static final String TIME = "time";

    private final NodeLayout layout;
    private final List<Vehicle> vehicles;
    private final ScaledMatrices matrices;
    private final RoutingIndexManager manager;
    private final RoutingModel routing;
    private final RoutingDimension time;

    SolverModel(NodeLayout layout, List<Vehicle> vehicles, ScaledMatrices matrices, long extraFixedCost, int maxActiveVehicles) {
        this.layout = layout;
        this.vehicles = List.copyOf(vehicles);
        this.matrices = matrices;
        int[] starts = new int[vehicles.size()];
        for (int v = 0; v < starts.length; v++) {
            starts[v] = layout.depotNode(vehicles.get(v).depotId());
        }
        this.manager = new RoutingIndexManager(layout.size(), vehicles.size(), starts, starts);
        this.routing = new RoutingModel(manager);
        routing.setArcCostEvaluatorOfAllVehicles(routing.registerTransitMatrix(matrices.cost()));
        long maxFixed = 0;
        for (int v = 0; v < vehicles.size(); v++) {
            long fixed = Math.round(vehicles.get(v).fixedCost() * matrices.costScale()) + extraFixedCost;
            routing.setFixedCostOfVehicle(fixed, v);
            maxFixed = Math.max(maxFixed, fixed);
        }
        if (maxActiveVehicles > 0 && maxActiveVehicles < vehicles.size()) {
            routing.SetMaximumNumberOfActiveVehicles(maxActiveVehicles);
        }
        addLoadDimension("volume", Load::volume);
        addLoadDimension("weight", Load::weight);
        addStreamDimensions();
        addShiftTotal("shift-volume", stop -> stop.demand().volume(), v -> v.shiftCap() == null ? Vehicle.NO_CAP : v.shiftCap().volume());
        addShiftTotal("shift-weight", stop -> stop.demand().weight(), v -> v.shiftCap() == null ? Vehicle.NO_CAP : v.shiftCap().weight());
        addShiftTotal("shift-stops", stop -> 1, v -> v.maxStops() == 0 ? Vehicle.NO_CAP : v.maxStops());
        this.time = timeMatters() ? addTimeDimension() : null;
        if (time != null) {
            addBreaks();
        }
        addAllowedVehicles();
        forbidEmptyUnloads();
        addDisjunctions(10 * (4 * matrices.maxArcCost() + maxFixed) + 1);
    }

    RoutingIndexManager manager() {
        return manager;
    }

    RoutingModel routing() {
        return routing;
    }

    /** The time dimension, or null when no window, break or shift can bind (plain capacitated problems). */
    RoutingDimension time() {
        return time;
    }

    NodeLayout layout() {
        return layout;
    }

    List<Vehicle> vehicles() {
        return vehicles;
    }

    private void addLoadDimension(String name, ToLongFunction<Load> amount) {
        long maxCapacity = 0;
        long[] capacities = new long[vehicles.size()];
        for (int v = 0; v < capacities.length; v++) {
            capacities[v] = amount.applyAsLong(vehicles.get(v).capacity());
            maxCapacity = Math.max(maxCapacity, capacities[v]);
        }
        boolean any = layout.stopNodes().stream().anyMatch(node -> amount.applyAsLong(layout.stop(node).demand()) > 0);
        if (!any) {
            return;
        }
        // At a facility the transit is minus the truck's own capacity: OR-Tools keeps cumul + slack within the
        // truck's capacity, so with minus the fleet's largest one a smaller truck could never unload to zero.
        Map<Long, Integer> callbacks = new HashMap<>();
        int[] evaluators = new int[capacities.length];
        for (int v = 0; v < capacities.length; v++) {
            evaluators[v] = callbacks.computeIfAbsent(capacities[v], capacity -> {
                long[] transit = new long[layout.size()];
                for (int node = 0; node < layout.size(); node++) {
                    Stop stop = layout.stop(node);
                    transit[node] = stop != null ? amount.applyAsLong(stop.demand())
                            : layout.facility(node) != null ? -capacity : 0;
                }
                return routing.registerUnaryTransitVector(transit);
            });
        }
        routing.addDimensionWithVehicleTransitAndCapacity(evaluators, maxCapacity, capacities, true, name);
        resettableAtFacilities(routing.getMutableDimension(name), List.of());
    }

    private void addStreamDimensions() {
        Set<String> streams = new LinkedHashSet<>();
        for (int node : layout.stopNodes()) {
            streams.add(layout.stop(node).stream());
        }
        boolean refusing = layout.facilityNodes().stream()
                .anyMatch(node -> streams.stream().anyMatch(s -> !layout.facility(node).accepts(s)));
        if (streams.size() < 2 && !refusing) {
            return;
        }
        long bound = layout.stopNodes().size() + 1L;
        for (String stream : streams) {
            long[] transit = new long[layout.size()];
            List<Long> mustBeZero = new ArrayList<>();
            for (int node = 0; node < layout.size(); node++) {
                Stop stop = layout.stop(node);
                Facility facility = layout.facility(node);
                if (stop != null) {
                    transit[node] = stop.stream().equals(stream) ? 1 : 0;
                    if (!stop.stream().equals(stream)) {
                        mustBeZero.add(manager.nodeToIndex(node));
                    }
                } else if (facility != null) {
                    transit[node] = -bound;
                    if (!facility.accepts(stream)) {
                        mustBeZero.add(manager.nodeToIndex(node));
                    }
                }
            }
            String name = "stream:" + stream;
            routing.addDimension(routing.registerUnaryTransitVector(transit), bound, bound, true, name);
            resettableAtFacilities(routing.getMutableDimension(name), mustBeZero);
        }
    }

    /**
     * A rule on the whole shift (the shift cap in volume or weight, the stop limit): a dimension that counts what the
     * truck collects and is never reset by an unload, capped per truck. Left out when no truck's limit can bind.
     */
    private void addShiftTotal(String name, ToLongFunction<Stop> amount, ToLongFunction<Vehicle> limit) {
        long total = 0;
        long[] transit = new long[layout.size()];
        for (int node : layout.stopNodes()) {
            transit[node] = amount.applyAsLong(layout.stop(node));
            total = Math.addExact(total, transit[node]);
        }
        long[] caps = new long[vehicles.size()];
        boolean binds = false;
        for (int v = 0; v < caps.length; v++) {
            long cap = limit.applyAsLong(vehicles.get(v));
            binds |= cap < total;
            caps[v] = Math.min(cap, total);
        }
        if (binds) {
            routing.addDimensionWithVehicleCapacity(routing.registerUnaryTransitVector(transit), 0, caps, true, name);
        }
    }

    /** Slack 0 everywhere but at facilities; cumul 0 at the given indices and, for trucks that must end empty, at the end. */
    private void resettableAtFacilities(RoutingDimension dimension, List<Long> mustBeZero) {
        for (long index = 0; index < routing.size(); index++) {
            if (routing.isStart(index) || layout.facility(manager.indexToNode(index)) == null) {
                dimension.slackVar(index).setValue(0);
            }
        }
        for (long index : mustBeZero) {
            dimension.cumulVar(index).setValue(0);
        }
        for (int v = 0; v < vehicles.size(); v++) {
            if (vehicles.get(v).endEmpty()) {
                dimension.cumulVar(routing.end(v)).setValue(0);
            }
        }
    }

    private boolean timeMatters() {
        boolean windows = layout.stopNodes().stream().anyMatch(n -> !layout.stop(n).window().equals(TimeWindow.ALWAYS))
                || layout.facilityNodes().stream().anyMatch(n -> !layout.facility(n).opening().equals(TimeWindow.ALWAYS));
        if (windows || vehicles.stream().anyMatch(v -> v.breakRule() != null)) {
            return true;
        }
        long longestRoute = 0;
        for (long[] row : matrices.time()) {
            longestRoute += java.util.Arrays.stream(row).max().orElse(0);
        }
        for (Vehicle vehicle : vehicles) {
            if ((vehicle.shiftEnd() - vehicle.shiftStart()) * ScaledMatrices.TIME_SCALE < longestRoute) {
                return true;
            }
        }
        return false;
    }

    private RoutingDimension addTimeDimension() {
        long horizon = 0;
        for (Vehicle vehicle : vehicles) {
            horizon = Math.max(horizon, vehicle.shiftEnd() * ScaledMatrices.TIME_SCALE);
        }
        routing.addDimension(routing.registerTransitMatrix(matrices.time()), horizon, horizon, false, TIME);
        RoutingDimension dimension = routing.getMutableDimension(TIME);
        for (int node = 0; node < layout.size(); node++) {
            TimeWindow window = layout.stop(node) != null ? layout.stop(node).window()
                    : layout.facility(node) != null ? layout.facility(node).opening() : null;
            if (window != null) {
                long index = manager.nodeToIndex(node);
                dimension.cumulVar(index).setRange(window.start() * ScaledMatrices.TIME_SCALE,
                        Math.min(horizon, window.end() * ScaledMatrices.TIME_SCALE));
            }
        }
        for (int v = 0; v < vehicles.size(); v++) {
            Vehicle vehicle = vehicles.get(v);
            long from = vehicle.shiftStart() * ScaledMatrices.TIME_SCALE;
            long to = vehicle.shiftEnd() * ScaledMatrices.TIME_SCALE;
            dimension.cumulVar(routing.start(v)).setRange(from, to);
            dimension.cumulVar(routing.end(v)).setRange(from, to);
            routing.addVariableMinimizedByFinalizer(dimension.cumulVar(routing.end(v)));
        }
        return dimension;
    }

    private void addBreaks() {
        long[] visitTransits = new long[(int) routing.size() + vehicles.size()];
        for (long index = 0; index < routing.size(); index++) {
            visitTransits[(int) index] = layout.serviceTime(manager.indexToNode(index)) * ScaledMatrices.TIME_SCALE;
        }
        for (int v = 0; v < vehicles.size(); v++) {
            BreakRule rule = vehicles.get(v).breakRule();
            if (rule == null) {
                continue;
            }
            IntervalVar pause = routing.solver().makeFixedDurationIntervalVar(rule.earliestStart() * ScaledMatrices.TIME_SCALE,
                    rule.latestStart() * ScaledMatrices.TIME_SCALE, rule.duration() * ScaledMatrices.TIME_SCALE, false,
                    "break-" + vehicles.get(v).id());
            time.setBreakIntervalsOfVehicle(new IntervalVar[] {pause}, v, visitTransits);
        }
    }

    private void addAllowedVehicles() {
        for (int node = 0; node < layout.size(); node++) {
            Stop stop = layout.stop(node);
            Facility facility = layout.facility(node);
            if (stop == null && facility == null) {
                continue;
            }
            List<Integer> allowed = new ArrayList<>();
            for (int v = 0; v < vehicles.size(); v++) {
                Vehicle vehicle = vehicles.get(v);
                boolean ok = stop != null ? vehicle.accepts(stop.stream()) && stop.demand().fitsIn(vehicle.capacity())
                        && vehicle.withinShiftCap(stop.demand()) && stop.allows(vehicle.id())
                        : vehicle.streams().isEmpty() || vehicle.streams().stream().anyMatch(facility::accepts);
                if (ok) {
                    allowed.add(v);
                }
            }
            if (allowed.size() < vehicles.size()) {
                // An empty list would mean "any vehicle" to OR-Tools: such nodes were filtered out before.
                routing.setAllowedVehiclesForIndex(allowed.stream().mapToInt(Integer::intValue).toArray(), manager.nodeToIndex(node));
            }
        }
    }

    /**
     * Every unload empties a load: no arc from a truck's start or from an unload to an unload, so a bin stop comes
     * before each one. Unload copies are optional and a copy's arcs to its twins cost next to nothing, so without
     * this a first solution chained them (12 bins, then 12 unloads of 15 minutes) and the search kept what it found
     * when it ran out of time. A copy keeps itself in its domain: that is how it stays unused.
     */
    private void forbidEmptyUnloads() {
        List<Long> unloads = layout.facilityNodes().stream().map(node -> manager.nodeToIndex(node)).toList();
        if (unloads.isEmpty()) {
            return;
        }
        for (long from : unloads) {
            long[] others = unloads.stream().filter(to -> to != from).mapToLong(Long::longValue).toArray();
            if (others.length > 0) {
                routing.nextVar(from).removeValues(others);
            }
        }
        long[] all = unloads.stream().mapToLong(Long::longValue).toArray();
        for (int v = 0; v < vehicles.size(); v++) {
            routing.nextVar(routing.start(v)).removeValues(all);
        }
    }

    private void addDisjunctions(long stopPenalty) {
        for (int node : layout.stopNodes()) {
            routing.addDisjunction(new long[] {manager.nodeToIndex(node)},
                    Math.multiplyExact(stopPenalty, layout.stop(node).dropWeight()));
        }
        for (int node : layout.facilityNodes()) {
            routing.addDisjunction(new long[] {manager.nodeToIndex(node)}, 0);
        }
    }
}
