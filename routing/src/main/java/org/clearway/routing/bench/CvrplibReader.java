package org.clearway.routing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Rounding;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;

/**
 * Reads CVRPLIB (TSPLIB-style) {@code .vrp} files with {@code EUC_2D} weights, and their {@code .sol} files.
 * Edge lengths are rounded to the nearest integer, the CVRPLIB convention for these sets. Stops are named by
 * their node number in the file; {@code .sol} files number customers from 1, i.e. node number minus one.
 */
public final class CvrplibReader {

    /** Unbounded shift for the capacity-only benchmarks. */
    static final long LONG_SHIFT = 100_000_000L;

    private static final Pattern TRUCKS = Pattern.compile("-k(\\d+)");

    /** The routes (stop ids) and the cost stated in a {@code .sol} file. */
    public record SolutionFile(List<List<String>> routes, double cost) {
    }

    public Problem read(Path file) throws IOException {
        Map<String, String> header = new HashMap<>();
        Map<Integer, double[]> coordinates = new HashMap<>();
        Map<Integer, Long> demands = new HashMap<>();
        List<Integer> depots = new ArrayList<>();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.equals("EOF")) {
                continue;
            }
            if (line.endsWith("SECTION")) {
                section = line;
                continue;
            }
            if (line.contains(":") && !Character.isDigit(line.charAt(0)) && !line.startsWith("-")) {
                int colon = line.indexOf(':');
                header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                continue;
            }
            String[] f = line.split("\\s+");
            switch (section) {
                case "NODE_COORD_SECTION" -> coordinates.put(Integer.parseInt(f[0]),
                        new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
                case "DEMAND_SECTION" -> demands.put(Integer.parseInt(f[0]), Long.parseLong(f[1]));
                case "DEPOT_SECTION" -> {
                    int id = Integer.parseInt(f[0]);
                    if (id > 0) {
                        depots.add(id);
                    }
                }
                default -> throw new IOException(file + ": unexpected line outside a known section: " + line);
            }
        }
        String weights = header.getOrDefault("EDGE_WEIGHT_TYPE", "");
        if (!weights.equals("EUC_2D")) {
            throw new IOException(file + ": only EDGE_WEIGHT_TYPE EUC_2D is supported, found '" + weights + "'");
        }
        if (depots.size() != 1) {
            throw new IOException(file + ": expected exactly one depot in DEPOT_SECTION, found " + depots);
        }
        long capacity = Long.parseLong(header.get("CAPACITY"));
        String name = header.getOrDefault("NAME", file.getFileName().toString().replace(".vrp", ""));
        int depotNode = depots.get(0);
        double[] depotXy = coordinates.get(depotNode);
        Depot depot = new Depot("depot", Location.of(depotXy[0], depotXy[1]));
        List<Stop> stops = new ArrayList<>();
        for (int node = 1; node <= coordinates.size(); node++) {
            if (node == depotNode) {
                continue;
            }
            double[] xy = coordinates.get(node);
            stops.add(new Stop(String.valueOf(node), Location.of(xy[0], xy[1]), "waste",
                    new Load(demands.getOrDefault(node, 0L), 0), 0, null));
        }
        int trucks = minTrucks(name, stops, capacity);
        List<Vehicle> vehicles = new ArrayList<>();
        for (int v = 0; v < trucks + Math.max(2, trucks / 10); v++) {
            vehicles.add(new Vehicle("truck-" + (v + 1), depot.id(), new Load(capacity, 0), Set.of(), 0, LONG_SHIFT,
                    null, 0, false));
        }
        DistanceModel distances = DistanceModel.of(DistanceKind.EUCLIDEAN, 1.0).withRounding(Rounding.NEAREST_INT);
        return new Problem(name, distances, List.of(depot), List.of(), vehicles, stops);
    }

    public SolutionFile readSolution(Path file) throws IOException {
        List<List<String>> routes = new ArrayList<>();
        Double cost = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.startsWith("Route")) {
                List<String> route = new ArrayList<>();
                for (String customer : line.substring(line.indexOf(':') + 1).strip().split("\\s+")) {
                    route.add(String.valueOf(Integer.parseInt(customer) + 1));
                }
                routes.add(route);
            } else if (line.startsWith("Cost")) {
                cost = Double.parseDouble(line.substring(4).strip());
            }
        }
        if (cost == null) {
            throw new IOException(file + ": no 'Cost N' line");
        }
        return new SolutionFile(routes, cost);
    }

    private static int minTrucks(String name, List<Stop> stops, long capacity) {
        Matcher matcher = TRUCKS.matcher(name);
        if (matcher.find()) {
            return Integer.parseInt(matcher.group(1));
        }
        long total = stops.stream().mapToLong(s -> s.demand().volume()).sum();
        return (int) Math.ceil((double) total / capacity);
    }
}
