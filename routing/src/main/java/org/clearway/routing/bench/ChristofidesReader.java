package org.clearway.routing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;

/**
 * Reads the Christofides-Mingozzi-Toth {@code vrpnc} files (see vrpinfo.txt): line 1 gives the number of
 * customers, the capacity, the maximum route time and the drop (service) time; line 2 the depot; then x, y and
 * quantity per customer. Travel time equals the real-valued Euclidean distance, so the maximum route time
 * bounds distance plus drop times: it becomes the shift length. The fleet is unlimited: we offer enough trucks.
 */
public final class ChristofidesReader {

    public Problem read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                rows.add(Arrays.stream(stripped.split("\\s+")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        double[] head = rows.get(0);
        int customers = (int) head[0];
        if (head.length < 4 || rows.size() < customers + 2) {
            throw new IOException(file + ": expected a header 'customers capacity maxRouteTime dropTime', the depot and "
                    + customers + " customer lines");
        }
        long capacity = (long) head[1];
        long maxRouteTime = (long) head[2];
        long dropTime = (long) head[3];
        Depot depot = new Depot("depot", Location.of(rows.get(1)[0], rows.get(1)[1]));
        List<Stop> stops = new ArrayList<>();
        long total = 0;
        for (int c = 1; c <= customers; c++) {
            double[] row = rows.get(c + 1);
            stops.add(new Stop(String.valueOf(c), Location.of(row[0], row[1]), "waste", new Load((long) row[2], 0),
                    dropTime, null));
            total += (long) row[2];
        }
        int trucks = (int) Math.ceil((double) total / capacity) + 2;
        List<Vehicle> vehicles = new ArrayList<>();
        for (int v = 0; v < trucks; v++) {
            vehicles.add(new Vehicle("truck-" + (v + 1), depot.id(), new Load(capacity, 0), Set.of(), 0, maxRouteTime,
                    null, 0, false));
        }
        String name = file.getFileName().toString().replace(".txt", "");
        return new Problem(name, DistanceModel.of(DistanceKind.EUCLIDEAN, 1.0), List.of(depot), List.of(), vehicles, stops);
    }
}
