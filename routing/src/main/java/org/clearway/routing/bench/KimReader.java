package org.clearway.routing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * Reads the waste-collection instances of Kim, Kim and Sahoo (2006), {@code <N>_stop.txt}: five header lines (capacity
 * per load in cubic yards, what a truck may collect per day across its loads, the most stops per truck per day, the
 * lunch break in seconds, the speed in miles per hour), a column header, then one row per stop: id, x and y (feet),
 * earliest and latest start of service (HHMM), service time (s), load (cubic yards), type (0 depot, 1 customer,
 * 2 landfill or transfer station). Columns are split on any whitespace (the files mix tabs and aligned spaces).
 *
 * <p>The problem: Manhattan distances in feet, travel at the given speed; every truck leaves the depot within the
 * depot's window and is back by its end, unloads at a landfill whenever needed and before returning
 * ({@code endEmpty}), takes the lunch break starting between 11:00 and 12:00, and keeps the shift cap and the stop
 * limit. Loads are kept in hundredths of a cubic yard ({@link #VOLUME_SCALE}; the files give at most two decimals),
 * weight is not used. A landfill's service time is its unload time. Times whose minutes read 60 or more (a few rows,
 * e.g. {@code 1675}) are taken arithmetically: hours times 3600 plus minutes times 60.
 */
public final class KimReader {

    /** Volumes are hundredths of a cubic yard. */
    public static final long VOLUME_SCALE = 100;
    /** Distances are in feet; the papers report miles. */
    public static final double FEET_PER_MILE = 5280;
    /** The lunch break starts between 11:00 and 12:00 (the files' header says so). */
    static final long LUNCH_EARLIEST = 11 * 3600;
    static final long LUNCH_LATEST = 12 * 3600;

    private static final int HEADER_LINES = 5;
    private static final String STREAM = "waste";

    /**
     * @param trucks the fleet offered (the instances do not fix it; the papers minimise it)
     */
    public Problem read(Path file, int trucks) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() < HEADER_LINES + 3) {
            throw new IOException(file + ": too short for a Kim et al. instance (5 header lines, a column header, rows)");
        }
        double capacity = header(file, lines, 0);
        double perDay = header(file, lines, 1);
        int maxStops = (int) header(file, lines, 2);
        long lunch = Math.round(header(file, lines, 3));
        double mph = header(file, lines, 4);
        Depot depot = null;
        TimeWindow shift = null;
        List<Facility> facilities = new ArrayList<>();
        List<Stop> stops = new ArrayList<>();
        for (String line : lines.subList(HEADER_LINES + 1, lines.size())) {
            String[] f = line.split("\\s+");
            if (f.length < 8) {
                throw new IOException(file + ": a stop row needs 8 columns (id, x, y, early, late, service, load, type), "
                        + "found " + f.length + " in: " + line);
            }
            Location location = Location.of(Double.parseDouble(f[1]), Double.parseDouble(f[2]));
            TimeWindow window = new TimeWindow(clock(f[3]), clock(f[4]));
            long service = Math.round(Double.parseDouble(f[5]));
            switch (f[7]) {
                case "0" -> {
                    depot = new Depot("depot", location);
                    shift = window;
                }
                case "1" -> stops.add(new Stop(f[0], location, STREAM,
                        new Load(Math.round(Double.parseDouble(f[6]) * VOLUME_SCALE), 0), service, window));
                case "2" -> facilities.add(new Facility("landfill-" + f[0], location, Set.of(), window, service));
                default -> throw new IOException(file + ": stop type must be 0, 1 or 2, got " + f[7] + " in: " + line);
            }
        }
        if (depot == null || facilities.isEmpty() || stops.isEmpty()) {
            throw new IOException(file + ": needs a depot (type 0), a landfill (type 2) and customers (type 1)");
        }
        BreakRule breakRule = new BreakRule(LUNCH_EARLIEST, LUNCH_LATEST, lunch);
        Load cap = new Load(Math.round(perDay * VOLUME_SCALE), Vehicle.NO_CAP);
        List<Vehicle> vehicles = new ArrayList<>();
        for (int v = 0; v < trucks; v++) {
            vehicles.add(new Vehicle("truck-" + (v + 1), depot.id(), new Load(Math.round(capacity * VOLUME_SCALE), 0),
                    Set.of(), shift.start(), shift.end(), breakRule, 0, true, cap, maxStops));
        }
        String name = "kim" + file.getFileName().toString().replaceFirst("_stop\\.txt$", "");
        return new Problem(name, DistanceModel.of(DistanceKind.MANHATTAN, mph * FEET_PER_MILE / 3600), List.of(depot),
                facilities, vehicles, stops);
    }

    private static double header(Path file, List<String> lines, int i) throws IOException {
        String first = lines.get(i).split("\\s+")[0];
        try {
            return Double.parseDouble(first);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": header line " + (i + 1) + " must start with a number, got: " + lines.get(i), e);
        }
    }

    /** HHMM (also H, HMM) as seconds from midnight. */
    static long clock(String hhmm) {
        int value = (int) Math.round(Double.parseDouble(hhmm));
        return (value / 100) * 3600L + (value % 100) * 60L;
    }
}
