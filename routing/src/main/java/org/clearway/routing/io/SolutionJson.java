package org.clearway.routing.io;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.Violation;
import org.clearway.routing.insert.UnplannedStop;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Visit;

/** Writes a solution and the checker's verdict as JSON (the {@code plan --json} output, see docs/routing.md). */
public final class SolutionJson {

    private final ObjectMapper mapper;

    public SolutionJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Solution solution, CheckReport check, List<UnplannedStop> reasons) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(solution, check, reasons));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write the solution as JSON", e);
        }
    }

    /** @param reasons why each unplanned stop was left out ({@code UnplannedDiagnosis}) */
    public ObjectNode toJson(Solution solution, CheckReport check, List<UnplannedStop> reasons) {
        ObjectNode root = mapper.createObjectNode();
        root.put("problem", solution.problemName());
        root.put("distance", solution.distance());
        root.put("cost", solution.cost());
        root.put("vehiclesUsed", solution.vehiclesUsed());
        root.put("status", solution.stats().status());
        root.put("elapsedMillis", solution.stats().elapsedMillis());
        ArrayNode unplanned = root.putArray("unplanned");
        solution.unplanned().forEach(unplanned::add);
        ArrayNode why = root.putArray("unplannedReasons");
        for (UnplannedStop reason : reasons) {
            why.addObject().put("stop", reason.stopId()).put("reason", reason.reason().label()).put("detail", reason.detail());
        }
        ObjectNode verdict = root.putObject("check");
        verdict.put("status", check.status().name());
        verdict.put("feasible", check.feasible());
        ArrayNode violations = verdict.putArray("violations");
        for (Violation v : check.violations()) {
            violations.addObject().put("kind", v.kind().name()).put("vehicle", v.vehicleId()).put("subject", v.subject())
                    .put("message", v.message());
        }
        ArrayNode routes = root.putArray("routes");
        for (Route route : solution.routes()) {
            ObjectNode node = routes.addObject().put("vehicle", route.vehicleId()).put("distance", route.distance());
            if (route.breakStart() != null) {
                node.put("breakStart", route.breakStart());
            }
            ArrayNode visits = node.putArray("visits");
            for (Visit visit : route.visits()) {
                ObjectNode v = visits.addObject().put("kind", visit.kind().name()).put("id", visit.id())
                        .put("arrival", visit.arrival()).put("start", visit.start());
                v.putObject("load").put("volume", visit.load().volume()).put("weight", visit.load().weight());
            }
        }
        return root;
    }
}
