package org.clearway.lab.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;

/**
 * Seeded collection days of a district or a city, for measuring the planner on the whole waste model: bins in
 * clustered neighbourhoods (about 60 per neighbourhood, spread 250 m around its centre) on a square whose area grows
 * with the number of bins (22,500 m² per bin: 1,000 bins on 4.7 km × 4.7 km); 60 % residual, 40 % paper; bins of
 * 240 l (half), 660 l (a third) and 1,100 l (the rest), 70-100 % full, residual at 0.15 kg/l and paper at 0.08 kg/l;
 * service 60, 90 or 120 s by size; one bin in ten is a shop's, to be emptied between 06:00 and 10:00, and one in
 * twenty weighs three times when dropped. Facilities: a transfer station taking both streams on the west edge
 * (06:30-14:00, 10 min to unload) and a paper recycler on the east edge (07:00-13:30, 8 min); a city of 2,000 bins
 * or more also has a residual incinerator on the north edge (06:00-14:00, 10 min). Trucks: 18,000 l / 5,000 kg per
 * load (two to three loads a day), both streams, shift 06:00-14:00, a 30-minute break starting 10:00-12:00, a fixed
 * cost of 1 km, ending empty; the fleet is sized from the day's work (service, an estimate of travel, unloads) at
 * 60 % of the net shift. Euclidean distances in metres at 25 km/h.
 */
public final class DayGenerator {

    static final long SHIFT_START = 6 * 3600;
    static final long SHIFT_END = 14 * 3600;
    private static final double SPEED = 25 / 3.6;
    private static final long CAPACITY_VOLUME = 18_000;
    private static final long CAPACITY_WEIGHT = 5_000;
    private static final double AREA_PER_BIN = 22_500;
    private static final int BINS_PER_NEIGHBOURHOOD = 60;
    private static final double SPREAD = 250;
    private static final double UTILISATION = 0.6;

    private final long seed;

    public DayGenerator(long seed) {
        this.seed = seed;
    }

    /** A day of {@code bins} stops; the same seed and size give the same day. */
    public Problem day(int bins) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + bins);
        double side = Math.sqrt(AREA_PER_BIN * bins);
        Depot depot = new Depot("depot", Location.of(side * 0.5, side * 0.45));
        List<Facility> facilities = new ArrayList<>();
        facilities.add(new Facility("transfer-west", Location.of(0, side * 0.5), Set.of("residual", "paper"),
                new TimeWindow(6 * 3600 + 1800, 14 * 3600), 600));
        facilities.add(new Facility("recycling-east", Location.of(side, side * 0.6), Set.of("paper"),
                new TimeWindow(7 * 3600, 13 * 3600 + 1800), 480));
        if (bins >= 2000) {
            facilities.add(new Facility("incinerator-north", Location.of(side * 0.4, side), Set.of("residual"),
                    new TimeWindow(6 * 3600, 14 * 3600), 600));
        }
        int hoods = Math.max(1, (int) Math.round((double) bins / BINS_PER_NEIGHBOURHOOD));
        double[][] centres = new double[hoods][];
        for (int h = 0; h < hoods; h++) {
            centres[h] = new double[]{side * (0.05 + 0.9 * random.nextDouble()), side * (0.05 + 0.9 * random.nextDouble())};
        }
        List<Stop> stops = new ArrayList<>(bins);
        double work = 0;
        long totalVolume = 0;
        long totalWeight = 0;
        for (int i = 0; i < bins; i++) {
            double[] c = centres[random.nextInt(hoods)];
            double x = clamp(c[0] + SPREAD * random.nextGaussian(), side);
            double y = clamp(c[1] + SPREAD * random.nextGaussian(), side);
            boolean residual = random.nextDouble() < 0.6;
            double size = random.nextDouble();
            long litres = size < 0.5 ? 240 : size < 0.83 ? 660 : 1100;
            long service = size < 0.5 ? 60 : size < 0.83 ? 90 : 120;
            long volume = Math.round(litres * (0.7 + 0.3 * random.nextDouble()));
            long weight = Math.round(volume * (residual ? 0.15 : 0.08));
            TimeWindow window = random.nextDouble() < 0.1 ? new TimeWindow(SHIFT_START, 10 * 3600) : TimeWindow.ALWAYS;
            long dropWeight = random.nextDouble() < 0.05 ? 3 : 1;
            stops.add(new Stop(String.format("bin-%05d", i + 1), Location.of(x, y), residual ? "residual" : "paper",
                    new Load(volume, weight), service, window, dropWeight));
            work += service;
            totalVolume += volume;
            totalWeight += weight;
        }
        double loads = Math.max((double) totalVolume / CAPACITY_VOLUME, (double) totalWeight / CAPACITY_WEIGHT);
        double unloadRound = 600 + 2 * (side * 0.6) / SPEED;
        double travel = bins * Math.sqrt(AREA_PER_BIN) * 0.7 / SPEED;
        work += travel + Math.ceil(loads) * unloadRound;
        double netShift = SHIFT_END - SHIFT_START - 1800;
        int trucks = Math.max(2, (int) Math.ceil(work / (UTILISATION * netShift)));
        List<Vehicle> vehicles = new ArrayList<>();
        for (int t = 0; t < trucks; t++) {
            vehicles.add(new Vehicle(String.format("truck-%02d", t + 1), depot.id(),
                    new Load(CAPACITY_VOLUME, CAPACITY_WEIGHT), Set.of("residual", "paper"), SHIFT_START, SHIFT_END,
                    new BreakRule(10 * 3600, 12 * 3600, 1800), 1000, true));
        }
        return new Problem("generated-" + bins + "-seed-" + seed, DistanceModel.of(DistanceKind.EUCLIDEAN, SPEED),
                List.of(depot), facilities, vehicles, stops);
    }

    private static double clamp(double value, double side) {
        return Math.max(0, Math.min(side, value));
    }
}
