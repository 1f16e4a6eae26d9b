package org.clearway.routing.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;

/** Writes a {@link Problem} in the JSON format that {@link ProblemJson} reads. */
public final class ProblemJsonWriter {

    private final ObjectMapper mapper;

    public ProblemJsonWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Problem problem) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write the problem as JSON", e);
        }
    }

    public ObjectNode toJson(Problem problem) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", problem.name());
        root.set("distance", distance(problem.distanceModel()));
        ArrayNode depots = root.putArray("depots");
        problem.depots().forEach(d -> depots.addObject().put("id", d.id()).set("location", location(problem, d.location())));
        ArrayNode facilities = root.putArray("facilities");
        for (Facility f : problem.facilities()) {
            ObjectNode node = facilities.addObject().put("id", f.id());
            node.set("location", location(problem, f.location()));
            f.streams().forEach(node.putArray("streams")::add);
            window(node, "opening", f.opening());
            node.put("unloadTime", f.unloadTime());
        }
        ArrayNode vehicles = root.putArray("vehicles");
        for (Vehicle v : problem.vehicles()) {
            ObjectNode node = vehicles.addObject().put("id", v.id()).put("depot", v.depotId());
            node.set("capacity", load(v.capacity()));
            ArrayNode streams = node.putArray("streams");
            v.streams().forEach(streams::add);
            node.putObject("shift").put("start", v.shiftStart()).put("end", v.shiftEnd());
            BreakRule rule = v.breakRule();
            if (rule != null) {
                node.putObject("break").put("earliestStart", rule.earliestStart()).put("latestStart", rule.latestStart())
                        .put("duration", rule.duration());
            }
            node.put("fixedCost", v.fixedCost()).put("endEmpty", v.endEmpty());
            if (v.shiftCap() != null) {
                ObjectNode cap = node.putObject("shiftCap");
                if (v.shiftCap().volume() != Vehicle.NO_CAP) {
                    cap.put("volume", v.shiftCap().volume());
                }
                if (v.shiftCap().weight() != Vehicle.NO_CAP) {
                    cap.put("weight", v.shiftCap().weight());
                }
            }
            if (v.maxStops() > 0) {
                node.put("maxStops", v.maxStops());
            }
        }
        ArrayNode stops = root.putArray("stops");
        for (Stop s : problem.stops()) {
            ObjectNode node = stops.addObject().put("id", s.id());
            node.set("location", location(problem, s.location()));
            node.put("stream", s.stream());
            node.set("demand", load(s.demand()));
            node.put("serviceTime", s.serviceTime());
            window(node, "window", s.window());
            if (s.vehicle() != null) {
                node.put("vehicle", s.vehicle());
            }
            if (s.dropWeight() != 1) {
                node.put("dropWeight", s.dropWeight());
            }
        }
        return root;
    }

    private ObjectNode distance(DistanceModel model) {
        ObjectNode node = mapper.createObjectNode().put("kind", model.kind().name()).put("rounding", model.rounding().name())
                .put("speed", model.speed());
        if (model.distances() != null) {
            node.set("distances", mapper.valueToTree(model.distances()));
        }
        if (model.times() != null) {
            node.set("times", mapper.valueToTree(model.times()));
        }
        return node;
    }

    private ObjectNode location(Problem problem, Location location) {
        DistanceKind kind = problem.distanceModel().kind();
        return switch (kind) {
            case MATRIX -> mapper.createObjectNode().put("index", location.index());
            case HAVERSINE, GRID -> mapper.createObjectNode().put("lat", location.y()).put("lon", location.x());
            case EUCLIDEAN, MANHATTAN -> mapper.createObjectNode().put("x", location.x()).put("y", location.y());
        };
    }

    private ObjectNode load(Load load) {
        return mapper.createObjectNode().put("volume", load.volume()).put("weight", load.weight());
    }

    private static void window(ObjectNode node, String field, TimeWindow window) {
        if (!window.equals(TimeWindow.ALWAYS)) {
            node.putObject(field).put("start", window.start()).put("end", window.end());
        }
    }
}
