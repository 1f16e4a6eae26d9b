package org.clearway.routing.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a sequence of visits and their service start times into a {@link Route}: fills in arrivals, loads on
 * board (reset by each unload) and the route's distance.
 */
public final class RouteBuilder {

    private final ProblemIndex index;

    public RouteBuilder(ProblemIndex index) {
        this.index = index;
    }

    /**
     * @param sequence visits from START to END (only kind and id are read)
     * @param starts   service start of each visit, same length as {@code sequence}
     */
    public Route build(Vehicle vehicle, List<Visit> sequence, double[] starts, Double breakStart) {
        List<Visit> visits = new ArrayList<>(sequence.size());
        Load load = Load.ZERO;
        double distance = 0;
        for (int i = 0; i < sequence.size(); i++) {
            Visit ref = sequence.get(i);
            double arrival = starts[i];
            if (i > 0) {
                Visit previous = sequence.get(i - 1);
                Location from = location(previous);
                Location to = location(ref);
                distance += index.metric().distance(from, to);
                arrival = starts[i - 1] + serviceTime(previous) + index.metric().time(from, to);
            }
            load = switch (ref.kind()) {
                case STOP -> load.plus(index.stop(ref.id()).demand());
                case UNLOAD -> Load.ZERO;
                case START, END -> load;
            };
            visits.add(new Visit(ref.kind(), ref.id(), arrival, starts[i], load));
        }
        return new Route(vehicle.id(), visits, breakStart, distance);
    }

    /** Length of a sequence of visits. */
    public double distance(List<Visit> sequence) {
        double distance = 0;
        for (int i = 1; i < sequence.size(); i++) {
            distance += index.metric().distance(location(sequence.get(i - 1)), location(sequence.get(i)));
        }
        return distance;
    }

    public double travelTime(Visit from, Visit to) {
        return index.metric().time(location(from), location(to));
    }

    /** When service may start at this visit; depots are open all day (the shift is the truck's rule). */
    public TimeWindow window(Visit visit) {
        return switch (visit.kind()) {
            case START, END -> TimeWindow.ALWAYS;
            case STOP -> index.stop(visit.id()).window();
            case UNLOAD -> index.facility(visit.id()).opening();
        };
    }

    public Location location(Visit visit) {
        return switch (visit.kind()) {
            case START, END -> index.depot(visit.id()).location();
            case STOP -> index.stop(visit.id()).location();
            case UNLOAD -> index.facility(visit.id()).location();
        };
    }

    public long serviceTime(Visit visit) {
        return switch (visit.kind()) {
            case START, END -> 0;
            case STOP -> index.stop(visit.id()).serviceTime();
            case UNLOAD -> index.facility(visit.id()).unloadTime();
        };
    }
}
