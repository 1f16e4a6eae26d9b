package org.clearway.simulator.trucks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.clearway.simulator.trucks.TruckEvent.JobUpdate;
import org.clearway.simulator.trucks.TruckEvent.Position;

/** The truck protocol's JSON, version 1 (docs/trucks.md), as the truck's unit reads and writes it. */
public final class TruckMessages {
    public static final int VERSION = 1;

    /** A reply of dispatch to an update. */
    public record Reply(String updateId, Long jobId, String status, String state, String detail) {
    }

    private final ObjectMapper json = new ObjectMapper();

    /** Reads a route; fields it does not know are ignored. */
    public Route route(byte[] payload) {
        JsonNode root = tree(payload, "route");
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException("route version " + root.path("version") + " is not " + VERSION);
        }
        int revision = root.path("revision").asInt(0);
        if (revision <= 0) {
            throw new IllegalArgumentException("route revision must be a positive whole number, got " + root.path("revision"));
        }
        List<Stop> stops = new ArrayList<>();
        for (JsonNode s : root.path("stops")) {
            stops.add(stop(s));
        }
        stops.sort(java.util.Comparator.comparingInt(Stop::seq));
        String published = root.path("publishedAt").asText(null);
        return new Route(root.path("truckId").asText(null), root.path("shiftDate").asText(null), revision,
                published == null ? null : OffsetDateTime.parse(published).toInstant(), stops);
    }

    private static Stop stop(JsonNode s) {
        StopKind kind = StopKind.parse(s.path("kind").asText(null));
        int seq = s.path("seq").asInt();
        double lat = s.hasNonNull("lat") ? s.get("lat").asDouble() : Double.NaN;
        double lon = s.hasNonNull("lon") ? s.get("lon").asDouble() : Double.NaN;
        Instant planned = s.hasNonNull("plannedArrival") ? OffsetDateTime.parse(s.get("plannedArrival").asText()).toInstant()
                : null;
        return switch (kind) {
            case BIN -> {
                if (!s.path("jobId").canConvertToLong() || !s.hasNonNull("binId")) {
                    throw new IllegalArgumentException("bin stop " + seq + " needs jobId and binId");
                }
                yield new Stop(seq, kind, s.get("jobId").asLong(), s.get("binId").asText(), lat, lon, Duration.ZERO,
                        planned);
            }
            case BREAK -> new Stop(seq, kind, null, null, Double.NaN, Double.NaN,
                    Duration.ofMinutes(Math.max(0, s.path("minutes").asLong(0))));
            case UNLOAD, DEPOT -> new Stop(seq, kind, null, s.path("facilityId").asText(null), lat, lon, Duration.ZERO,
                    planned);
        };
    }

    /** Reads a reply. */
    public Reply reply(byte[] payload) {
        JsonNode root = tree(payload, "reply");
        return new Reply(root.path("updateId").asText(null),
                root.path("jobId").canConvertToLong() ? root.get("jobId").asLong() : null,
                root.path("status").asText(null), root.path("state").asText(null), root.path("detail").asText(null));
    }

    public byte[] position(Position p) {
        ObjectNode o = json.createObjectNode();
        o.put("version", VERSION);
        o.put("ts", ts(p.ts()));
        o.put("lat", Math.round(p.lat() * 1e6) / 1e6);
        o.put("lon", Math.round(p.lon() * 1e6) / 1e6);
        o.put("speedKmh", p.speedKmh());
        o.put("headingDeg", p.headingDeg());
        o.put("loadPct", p.loadPct());
        return bytes(o);
    }

    public byte[] update(String updateId, JobUpdate u) {
        ObjectNode o = json.createObjectNode();
        o.put("version", VERSION);
        o.put("updateId", updateId);
        o.put("jobId", u.jobId());
        o.put("event", u.event());
        o.put("ts", ts(u.ts()));
        if (u.weightKg() != null) {
            o.put("weightKg", u.weightKg());
        }
        if (u.volumeL() != null) {
            o.put("volumeL", u.volumeL());
        }
        return bytes(o);
    }

    /** RFC 3339 in UTC, to the millisecond. */
    static String ts(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private JsonNode tree(byte[] payload, String what) {
        try {
            JsonNode root = json.readTree(new String(payload, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("a " + what + " must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a " + what + " that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private byte[] bytes(ObjectNode o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o, e);
        }
    }
}
