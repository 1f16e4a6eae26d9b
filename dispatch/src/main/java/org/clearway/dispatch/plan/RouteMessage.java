package org.clearway.dispatch.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clearway.dispatch.store.Codes;

/**
 * The route message of docs/trucks.md, "Route (dispatch → truck), version 1": written from a {@link RouteDraft},
 * and read back for its stops' identities.
 */
public final class RouteMessage {

    public static final int VERSION = 1;

    private final ObjectMapper json;

    public RouteMessage(ObjectMapper json) {
        this.json = json;
    }

    /** The message's JSON text. */
    public String write(RouteDraft draft, LocalDate shiftDate, int revision, Instant publishedAt) {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        root.put("truckId", draft.truckId());
        root.put("shiftDate", shiftDate.toString());
        root.put("revision", revision);
        root.put("publishedAt", time(publishedAt));
        ArrayNode stops = root.putArray("stops");
        int seq = 1;
        for (RouteDraft.DraftStop stop : draft.stops()) {
            ObjectNode node = stops.addObject();
            node.put("seq", seq++);
            node.put("kind", stop.kind().code());
            if (stop.kind() == RouteDraft.Kind.BREAK) {
                node.put("plannedStart", time(stop.at()));
                node.put("minutes", stop.minutes());
                continue;
            }
            if (stop.kind() == RouteDraft.Kind.BIN) {
                node.put("jobId", stop.job().id());
                node.put("binId", stop.job().binId());
            } else {
                node.put("facilityId", stop.facilityId());
            }
            node.put("lat", stop.lat());
            node.put("lon", stop.lon());
            if (stop.kind() == RouteDraft.Kind.BIN) {
                node.put("stream", stop.job().stream());
                node.put("priority", Codes.of(stop.job().priority()));
            }
            node.put("plannedArrival", time(stop.at()));
            if (stop.kind() == RouteDraft.Kind.BIN) {
                node.put("dueAt", time(stop.job().dueAt()));
            }
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("route of truck " + draft.truckId() + " cannot be written as JSON", e);
        }
    }

    /** The identities of a stored message's stops, as {@link RouteDraft#stopKeys}. */
    public List<String> stopKeys(String message) {
        try {
            List<String> keys = new ArrayList<>();
            for (JsonNode stop : json.readTree(message).path("stops")) {
                String kind = stop.path("kind").asText();
                keys.add(kind + ":" + switch (kind) {
                    case "bin" -> stop.path("jobId").asText();
                    case "break" -> stop.path("minutes").asText();
                    default -> stop.path("facilityId").asText();
                });
            }
            return keys;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored route message is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
