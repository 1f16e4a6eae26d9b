package org.clearway.routing.lns;

import java.util.List;
import java.util.Optional;

import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;

/**
 * Whether a day needs more than the fleet can give, by bounds that hold for every plan: the service time of the
 * stops against the trucks' shift hours, the stops against the trucks' stop limits, the demand
 * against the trucks' shift caps, and, when there is no facility to unload at, the demand against one load per
 * truck. A day over one of these bounds cannot be served completely however long the search runs: the planner then
 * says so in the plan's status and returns the partial plan it finds, rather than spending the budget on trying to
 * serve every stop (the plain search's fleet phase would use all of it and leave nothing to the search that may drop
 * stops). The bounds ignore driving, so a day under them may still not fit.
 */
public final class FleetBound {

    private FleetBound() {
    }

    /** Why the stops need more than the fleet has, or empty when no bound is exceeded. */
    public static Optional<String> exceeded(Problem problem, List<Stop> stops) {
        List<Vehicle> trucks = problem.vehicles();
        long service = 0;
        long volume = 0;
        long weight = 0;
        for (Stop stop : stops) {
            service += stop.serviceTime();
            volume += stop.demand().volume();
            weight += stop.demand().weight();
        }
        long hours = 0;
        long stopLimit = 0;
        long capVolume = 0;
        long capWeight = 0;
        long loadVolume = 0;
        long loadWeight = 0;
        boolean limitedStops = true;
        boolean cappedVolume = true;
        boolean cappedWeight = true;
        for (Vehicle v : trucks) {
            hours += v.shiftEnd() - v.shiftStart();
            limitedStops &= v.maxStops() > 0;
            stopLimit += v.maxStops();
            cappedVolume &= v.shiftCap() != null && v.shiftCap().volume() != Vehicle.NO_CAP;
            cappedWeight &= v.shiftCap() != null && v.shiftCap().weight() != Vehicle.NO_CAP;
            capVolume = v.shiftCap() == null ? capVolume : saturatedAdd(capVolume, v.shiftCap().volume());
            capWeight = v.shiftCap() == null ? capWeight : saturatedAdd(capWeight, v.shiftCap().weight());
            loadVolume += v.capacity().volume();
            loadWeight += v.capacity().weight();
        }
        if (service > hours) {
            return Optional.of("the stops need " + service / 60 + " min of service, the " + trucks.size()
                    + " trucks' shifts give " + hours / 60 + " min");
        }
        if (limitedStops && stops.size() > stopLimit) {
            return Optional.of(stops.size() + " stops, the trucks' stop limits allow " + stopLimit);
        }
        if (cappedVolume && volume > capVolume || cappedWeight && weight > capWeight) {
            return Optional.of("the stops hold " + volume + " l / " + weight + " kg, the trucks' shift caps allow "
                    + (cappedVolume ? capVolume + " l" : "any volume") + " / " + (cappedWeight ? capWeight + " kg" : "any weight"));
        }
        if (problem.facilities().isEmpty() && (volume > loadVolume || weight > loadWeight)) {
            return Optional.of("the stops hold " + volume + " l / " + weight + " kg, one load per truck (no facility to "
                    + "unload at) allows " + loadVolume + " l / " + loadWeight + " kg");
        }
        return Optional.empty();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
