package org.clearway.lab.routing.ortools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.ortools.constraintsolver.Assignment;
import com.google.ortools.constraintsolver.RoutingModel;

import org.clearway.routing.model.BreakPlacer;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/** Reads the solver's assignment back into our own routes, with real-valued distances and times. */
final class AssignmentReader {

    private final RouteBuilder builder;
    private final BreakPlacer breaks;

    AssignmentReader(ProblemIndex index) {
        this.builder = new RouteBuilder(index);
        this.breaks = new BreakPlacer(builder);
    }

    /** Routes of the used trucks. */
    List<Route> routes(SolverModel model, Assignment assignment) {
        RoutingModel routing = model.routing();
        NodeLayout layout = model.layout();
        List<Route> routes = new ArrayList<>();
        for (int v = 0; v < model.vehicles().size(); v++) {
            Vehicle vehicle = model.vehicles().get(v);
            List<Visit> sequence = new ArrayList<>();
            List<Double> starts = new ArrayList<>();
            long idx = routing.start(v);
            while (true) {
                int node = model.manager().indexToNode(idx);
                VisitKind kind = routing.isStart(idx) ? VisitKind.START : routing.isEnd(idx) ? VisitKind.END : layout.kind(node);
                sequence.add(Visit.ref(kind, layout.id(node)));
                if (model.time() != null) {
                    starts.add(assignment.min(model.time().cumulVar(idx)) / (double) ScaledMatrices.TIME_SCALE);
                } else if (starts.isEmpty()) {
                    starts.add((double) vehicle.shiftStart());
                } else {
                    Visit previous = sequence.get(sequence.size() - 2);
                    starts.add(starts.get(starts.size() - 1) + builder.serviceTime(previous)
                            + builder.travelTime(previous, sequence.get(sequence.size() - 1)));
                }
                if (routing.isEnd(idx)) {
                    break;
                }
                idx = assignment.value(routing.nextVar(idx));
            }
            boolean used = sequence.stream().anyMatch(visit -> visit.kind() == VisitKind.STOP);
            if (!used) {
                continue;
            }
            double[] times = starts.stream().mapToDouble(Double::doubleValue).toArray();
            Double breakStart = vehicle.breakRule() == null ? null : breaks.place(vehicle.breakRule(), sequence, times);
            routes.add(builder.build(vehicle, sequence, times, breakStart));
        }
        return routes;
    }

    /** Sequences of node ids per vehicle, in solver indices, to seed a later search. */
    static long[][] toIndexRoutes(SolverModel model, List<Route> routes) {
        long[][] result = new long[model.vehicles().size()][];
        List<Long> freeFacilities = new ArrayList<>();
        for (int node : model.layout().facilityNodes()) {
            freeFacilities.add((long) model.manager().nodeToIndex(node));
        }
        for (int v = 0; v < result.length; v++) {
            String vehicleId = model.vehicles().get(v).id();
            Route route = routes.stream().filter(r -> r.vehicleId().equals(vehicleId)).findFirst().orElse(null);
            List<Long> indices = new ArrayList<>();
            if (route != null) {
                for (Visit visit : route.visits()) {
                    long idx = indexOf(model, visit, freeFacilities);
                    if (idx >= 0) {
                        indices.add(idx);
                    }
                }
            }
            result[v] = indices.stream().mapToLong(Long::longValue).toArray();
        }
        return result;
    }

    private static long indexOf(SolverModel model, Visit visit, List<Long> freeFacilities) {
        NodeLayout layout = model.layout();
        if (visit.kind() == VisitKind.STOP) {
            for (int node : layout.stopNodes()) {
                if (layout.id(node).equals(visit.id())) {
                    return model.manager().nodeToIndex(node);
                }
            }
        } else if (visit.kind() == VisitKind.UNLOAD) {
            for (int i = 0; i < freeFacilities.size(); i++) {
                long idx = freeFacilities.get(i);
                if (layout.id(model.manager().indexToNode(idx)).equals(visit.id())) {
                    freeFacilities.remove(i);
                    return idx;
                }
            }
        }
        return -1;
    }

    /** Stop ids the solver left out. */
    static List<String> unplanned(SolverModel model, List<Route> routes) {
        Set<String> served = new HashSet<>();
        for (Route route : routes) {
            for (Visit visit : route.visits()) {
                if (visit.kind() == VisitKind.STOP) {
                    served.add(visit.id());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int node : model.layout().stopNodes()) {
            if (!served.contains(model.layout().id(node))) {
                out.add(model.layout().id(node));
            }
        }
        return out;
    }
}
