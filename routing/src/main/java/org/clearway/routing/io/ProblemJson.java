package org.clearway.routing.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Rounding;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;

/** Reads the routing problem JSON format documented in {@code docs/routing.md}; see {@link ProblemJsonWriter} for writing. */
public final class ProblemJson {

    private final ObjectMapper mapper;

    public ProblemJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Problem read(InputStream in) throws IOException {
        return read(parse(in));
    }

    public Problem read(String json) {
        try {
            return read(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            throw new ProblemFormatException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode parse(InputStream in) throws IOException {
        try {
            return mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ProblemFormatException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    Problem read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ProblemFormatException("the problem must be a JSON object: see docs/routing.md");
        }
        String name = JsonFields.optionalText(root, "name", "problem");
        DistanceModel distance = distance(JsonFields.required(root, "distance", "$"));
        List<Depot> depots = list(root, "depots", true, (n, p) ->
                new Depot(JsonFields.text(n, "id", p), location(JsonFields.required(n, "location", p), p + ".location")));
        List<Facility> facilities = list(root, "facilities", false, this::facility);
        List<Vehicle> vehicles = list(root, "vehicles", true, this::vehicle);
        List<Stop> stops = list(root, "stops", true, this::stop);
        Problem problem = new Problem(name, distance, depots, facilities, vehicles, stops);
        validate(problem);
        return problem;
    }

    private static <T> List<T> list(JsonNode root, String field, boolean required, BiFunction<JsonNode, String, T> item) {
        JsonNode array = JsonFields.array(root, field, "$", required);
        List<T> out = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                String path = "$." + field + "[" + i + "]";
                try {
                    out.add(item.apply(array.get(i), path));
                } catch (ProblemFormatException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new ProblemFormatException(path + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private DistanceModel distance(JsonNode node) {
        String path = "$.distance";
        String kindText = JsonFields.text(node, "kind", path).toUpperCase(Locale.ROOT);
        DistanceKind kind;
        Rounding rounding;
        try {
            kind = DistanceKind.valueOf(kindText);
            rounding = Rounding.valueOf(JsonFields.optionalText(node, "rounding", "NONE").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemFormatException(path + ": kind must be EUCLIDEAN, MANHATTAN, HAVERSINE, GRID or MATRIX and rounding "
                    + "NONE or NEAREST_INT");
        }
        JsonNode distances = node.get("distances");
        JsonNode times = node.get("times");
        double[][] d = distances == null || distances.isNull() ? null : JsonFields.matrix(distances, path + ".distances");
        double[][] t = times == null || times.isNull() ? null : JsonFields.matrix(times, path + ".times");
        if (d != null && t != null && d.length != t.length) {
            throw new ProblemFormatException(path + ": distances and times must have the same size");
        }
        double speed = JsonFields.optionalNumber(node, "speed", path, t != null ? 1.0 : Double.NaN);
        if (Double.isNaN(speed)) {
            throw new ProblemFormatException(path + ".speed is missing: give the speed in metres per second (e.g. 8.33 for 30 km/h)");
        }
        try {
            return new DistanceModel(kind, rounding, speed, d, t);
        } catch (IllegalArgumentException e) {
            throw new ProblemFormatException(path + ": " + e.getMessage(), e);
        }
    }

    static Location location(JsonNode node, String path) {
        if (node.has("index")) {
            return new Location(node.path("x").asDouble(0), node.path("y").asDouble(0), (int) JsonFields.longValue(node, "index", path));
        }
        if (node.has("lat") || node.has("lon")) {
            return Location.ofLatLon(JsonFields.number(node, "lat", path), JsonFields.number(node, "lon", path));
        }
        return Location.of(JsonFields.number(node, "x", path), JsonFields.number(node, "y", path));
    }

    private static TimeWindow window(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return new TimeWindow(JsonFields.longValue(value, "start", path + "." + field), JsonFields.longValue(value, "end", path + "." + field));
    }

    private static Load load(JsonNode node, String field, String path) {
        JsonNode value = JsonFields.required(node, field, path);
        return new Load(JsonFields.optionalLong(value, "volume", path + "." + field, 0),
                JsonFields.optionalLong(value, "weight", path + "." + field, 0));
    }

    private Facility facility(JsonNode n, String p) {
        return new Facility(JsonFields.text(n, "id", p), location(JsonFields.required(n, "location", p), p + ".location"),
                JsonFields.stringSet(n, "streams", p), window(n, "opening", p), JsonFields.optionalLong(n, "unloadTime", p, 0));
    }

    private Vehicle vehicle(JsonNode n, String p) {
        JsonNode shift = JsonFields.required(n, "shift", p);
        JsonNode pause = n.get("break");
        BreakRule rule = pause == null || pause.isNull() ? null : new BreakRule(
                JsonFields.longValue(pause, "earliestStart", p + ".break"), JsonFields.longValue(pause, "latestStart", p + ".break"),
                JsonFields.longValue(pause, "duration", p + ".break"));
        long maxStops = JsonFields.optionalLong(n, "maxStops", p, 0);
        if (n.has("maxStops") && !n.get("maxStops").isNull() && (maxStops < 1 || maxStops > Integer.MAX_VALUE)) {
            throw new ProblemFormatException(p + ".maxStops must be a whole number of at least 1 (leave it out for no "
                    + "limit), got " + n.get("maxStops"));
        }
        return new Vehicle(JsonFields.text(n, "id", p), JsonFields.text(n, "depot", p), load(n, "capacity", p),
                JsonFields.stringSet(n, "streams", p), JsonFields.longValue(shift, "start", p + ".shift"),
                JsonFields.longValue(shift, "end", p + ".shift"), rule, JsonFields.optionalNumber(n, "fixedCost", p, 0),
                JsonFields.optionalBoolean(n, "endEmpty", false), shiftCap(n, p), (int) maxStops);
    }

    /** The optional shift cap: a member left out does not limit (unlike {@code capacity}, where it means 0). */
    private static Load shiftCap(JsonNode n, String p) {
        JsonNode value = n.get("shiftCap");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new ProblemFormatException(p + ".shiftCap must be an object {volume, weight}, got " + value);
        }
        return new Load(JsonFields.optionalLong(value, "volume", p + ".shiftCap", Vehicle.NO_CAP),
                JsonFields.optionalLong(value, "weight", p + ".shiftCap", Vehicle.NO_CAP));
    }

    private Stop stop(JsonNode n, String p) {
        return new Stop(JsonFields.text(n, "id", p), location(JsonFields.required(n, "location", p), p + ".location"),
                JsonFields.text(n, "stream", p), load(n, "demand", p), JsonFields.optionalLong(n, "serviceTime", p, 0),
                window(n, "window", p), JsonFields.optionalLong(n, "dropWeight", p, 1),
                JsonFields.optionalText(n, "vehicle", null));
    }

    private static void validate(Problem problem) {
        ProblemIndex index;
        try {
            index = new ProblemIndex(problem);
        } catch (IllegalArgumentException e) {
            throw new ProblemFormatException(e.getMessage(), e);
        }
        for (Vehicle vehicle : problem.vehicles()) {
            if (index.depot(vehicle.depotId()) == null) {
                throw new ProblemFormatException("vehicle " + vehicle.id() + " names depot '" + vehicle.depotId()
                        + "' which is not in $.depots: fix the vehicle's depot field");
            }
        }
        for (Stop stop : problem.stops()) {
            if (stop.vehicle() != null && index.vehicle(stop.vehicle()) == null) {
                throw new ProblemFormatException("stop " + stop.id() + " is pinned to vehicle '" + stop.vehicle()
                        + "' which is not in $.vehicles: fix the stop's vehicle field or leave it out");
            }
        }
        if (problem.distanceModel().kind() == DistanceKind.MATRIX) {
            int size = problem.distanceModel().distances().length;
            List<Location> all = new ArrayList<>();
            problem.depots().forEach(d -> all.add(d.location()));
            problem.facilities().forEach(f -> all.add(f.location()));
            problem.stops().forEach(s -> all.add(s.location()));
            for (Location location : all) {
                if (location.index() < 0 || location.index() >= size) {
                    throw new ProblemFormatException("with the MATRIX distance model every location needs an index in [0, "
                            + size + "), found " + location.index());
                }
            }
        }
    }
}
