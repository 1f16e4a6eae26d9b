package org.clearway.routing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;

/**
 * Reads Solomon's VRPTW text format: name, the VEHICLE block (number, capacity), then one row per customer
 * (number, x, y, demand, ready time, due date, service time), customer 0 being the depot. Distance and travel
 * time are both the real-valued Euclidean distance; the depot's window is every truck's shift.
 */
public final class SolomonReader {

    public Problem read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String name = lines.get(0);
        int vehicleCount = -1;
        long capacity = -1;
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("NUMBER")) {
                String[] f = lines.get(i + 1).split("\\s+");
                vehicleCount = Integer.parseInt(f[0]);
                capacity = Long.parseLong(f[1]);
                i++;
            } else if (Character.isDigit(line.charAt(0)) && vehicleCount > 0) {
                String[] f = line.split("\\s+");
                if (f.length != 7) {
                    throw new IOException(file + ": customer rows need 7 columns, found " + f.length + " in: " + line);
                }
                double[] row = new double[7];
                for (int c = 0; c < 7; c++) {
                    row[c] = Double.parseDouble(f[c]);
                }
                rows.add(row);
            }
        }
        if (vehicleCount <= 0 || rows.isEmpty() || rows.get(0)[0] != 0) {
            throw new IOException(file + ": not a Solomon file (needs a VEHICLE block and customer 0 as the depot)");
        }
        double[] depotRow = rows.get(0);
        Depot depot = new Depot("depot", Location.of(depotRow[1], depotRow[2]));
        List<Stop> stops = new ArrayList<>();
        for (double[] row : rows.subList(1, rows.size())) {
            stops.add(new Stop(String.valueOf((int) row[0]), Location.of(row[1], row[2]), "waste",
                    new Load((long) row[3], 0), (long) row[6], new TimeWindow((long) row[4], (long) row[5])));
        }
        List<Vehicle> vehicles = new ArrayList<>();
        for (int v = 0; v < vehicleCount; v++) {
            vehicles.add(new Vehicle("truck-" + (v + 1), depot.id(), new Load(capacity, 0), Set.of(),
                    (long) depotRow[4], (long) depotRow[5], null, 0, false));
        }
        return new Problem(name, DistanceModel.of(DistanceKind.EUCLIDEAN, 1.0), List.of(depot), List.of(), vehicles, stops);
    }
}
