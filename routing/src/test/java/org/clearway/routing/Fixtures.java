package org.clearway.routing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clearway.routing.bench.VrpDataLocator;
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
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/** Small problems for the routing tests (planar, speed 1: a distance unit takes a second). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The checkout's own benchmark instances (never an override from the environment). */
    public static Path vrpData() {
        return VrpDataLocator.inCheckout(Path.of("")).orElseThrow(() -> new AssertionError(
                VrpDataLocator.RELATIVE_PATH + " not found in the checkout above " + Path.of("").toAbsolutePath()));
    }

    public static Vehicle truck(String id, long capacity, Set<String> streams, long shiftEnd, BreakRule rule, boolean endEmpty) {
        return new Vehicle(id, "depot", new Load(capacity, capacity * 10), streams, 0, shiftEnd, rule, 0, endEmpty);
    }

    public static Stop stop(String id, double x, double y, String stream, long volume, TimeWindow window) {
        return new Stop(id, Location.of(x, y), stream, new Load(volume, volume), 10, window);
    }

    /** A depot at the origin, a facility at (50, 0) and the given trucks and stops. */
    public static Problem problem(List<Vehicle> vehicles, List<Stop> stops, boolean withFacility) {
        List<Facility> facilities = withFacility
                ? List.of(new Facility("tip", Location.of(50, 0), Set.of(), null, 30)) : List.of();
        return new Problem("test", DistanceModel.of(DistanceKind.EUCLIDEAN, 1.0),
                List.of(new Depot("depot", Location.of(0, 0))), facilities, vehicles, stops);
    }

    /** Six stops of 5 l on a circle of radius 20, all residual. */
    public static List<Stop> ring(int count, long volume) {
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double angle = 2 * Math.PI * i / count;
            stops.add(stop("s" + i, 20 * Math.cos(angle), 20 * Math.sin(angle), "residual", volume, null));
        }
        return stops;
    }

    /** A route through the given visits with earliest start times (no waiting, no break). */
    public static Route route(Problem problem, String vehicleId, Double breakStart, Visit... middle) {
        ProblemIndex index = new ProblemIndex(problem);
        RouteBuilder builder = new RouteBuilder(index);
        List<Visit> sequence = new ArrayList<>();
        sequence.add(Visit.ref(VisitKind.START, "depot"));
        sequence.addAll(List.of(middle));
        sequence.add(Visit.ref(VisitKind.END, "depot"));
        double[] starts = new double[sequence.size()];
        for (int i = 1; i < starts.length; i++) {
            Visit previous = sequence.get(i - 1);
            starts[i] = Math.max(builder.window(sequence.get(i)).start(),
                    starts[i - 1] + builder.serviceTime(previous) + builder.travelTime(previous, sequence.get(i)));
        }
        return builder.build(index.vehicle(vehicleId), sequence, starts, breakStart);
    }

    public static Visit at(String stopId) {
        return Visit.ref(VisitKind.STOP, stopId);
    }

    public static Visit unload() {
        return Visit.ref(VisitKind.UNLOAD, "tip");
    }
}
