package org.clearway.api.ngsi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.clearway.api.resources.Db;

/**
 * One bin as a Smart Data Models WasteContainer, normalized (each attribute a Property, GeoProperty or Relationship,
 * measured values with {@code observedAt}) or keyValues. Attributes without a value are left out.
 */
public final class WasteContainerEntity {
    /** Litres, in UN/CEFACT common codes (NGSI-LD's unitCode). */
    static final String LITRE = "LTR";
    /** Percent. */
    static final String PERCENT = "P1";

    /** A row of {@link WasteContainerQueries#ENTITIES}. Times are ISO-8601 UTC, microseconds at most. */
    public record Row(String binId, String zoneId, double volumeL, double lat, double lon, String createdAt,
                      double thresholdPct, String measuredAt, Double tempC, Double fillingLevel, String status,
                      String lastEmptyingAt, String nextDeadlineAt, String deviceId, String storedWasteKind) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString("id"), rs.getString("zone_id"), rs.getDouble("volume_l"), rs.getDouble("lat"),
                    rs.getDouble("lon"), Db.time(rs, "created_at"), rs.getDouble("threshold_pct"),
                    Db.time(rs, "measured_at"), nullable(rs, "temp_c"), nullable(rs, "filling_level"),
                    rs.getString("status"), Db.time(rs, "last_emptying_at"), Db.time(rs, "next_deadline_at"),
                    rs.getString("device_id"), rs.getString("stored_waste_kind"));
        }

        private static Double nullable(ResultSet rs, String column) throws SQLException {
            double v = rs.getDouble(column);
            return rs.wasNull() ? null : v;
        }
    }

    private WasteContainerEntity() {
    }

    public static JsonObject render(Row row, EntityQuery.Form form) {
        return form == EntityQuery.Form.KEY_VALUES ? keyValues(row) : normalized(row);
    }

    public static JsonObject keyValues(Row r) {
        JsonObject e = new JsonObject().put("id", NgsiLd.entityId(r.binId())).put("type", NgsiLd.TYPE);
        put(e, "fillingLevel", r.fillingLevel());
        e.put("status", r.status());
        put(e, "temperature", r.tempC());
        put(e, "dateLastEmptying", r.lastEmptyingAt());
        put(e, "nextActuationDeadline", r.nextDeadlineAt());
        e.put("location", point(r));
        e.put("storedWasteKind", r.storedWasteKind());
        if (r.deviceId() != null) {
            // The schema wants an array: the bin's devices, of which we know one at a time.
            e.put("refDevice", new JsonArray().add(NgsiLd.DEVICE_PREFIX + r.deviceId()));
        }
        e.put("binCapacity", r.volumeL());
        e.put("binFullnessThreshold", r.thresholdPct());
        e.put("binId", r.binId());
        e.put("areaServed", r.zoneId());
        put(e, "dateServiceStarted", r.createdAt());
        return e;
    }

    public static JsonObject normalized(Row r) {
        JsonObject e = new JsonObject().put("id", NgsiLd.entityId(r.binId())).put("type", NgsiLd.TYPE);
        if (r.fillingLevel() != null) {
            e.put("fillingLevel", property(r.fillingLevel()).put("observedAt", r.measuredAt()));
        }
        JsonObject status = property(r.status());
        if (r.measuredAt() != null) {
            status.put("observedAt", r.measuredAt());
        }
        e.put("status", status);
        if (r.tempC() != null) {
            e.put("temperature", property(r.tempC()).put("unitCode", "CEL").put("observedAt", r.measuredAt()));
        }
        putTime(e, "dateLastEmptying", r.lastEmptyingAt());
        putTime(e, "nextActuationDeadline", r.nextDeadlineAt());
        e.put("location", new JsonObject().put("type", "GeoProperty").put("value", point(r)));
        e.put("storedWasteKind", property(r.storedWasteKind()));
        if (r.deviceId() != null) {
            e.put("refDevice", new JsonObject().put("type", "Relationship").put("object", NgsiLd.DEVICE_PREFIX + r.deviceId()));
        }
        e.put("binCapacity", property(r.volumeL()).put("unitCode", LITRE));
        e.put("binFullnessThreshold", property(r.thresholdPct()).put("unitCode", PERCENT));
        e.put("binId", property(r.binId()));
        e.put("areaServed", property(r.zoneId()));
        putTime(e, "dateServiceStarted", r.createdAt());
        return e;
    }

    /** The entity with its {@code @context} inline: the model's, then the core context (application/ld+json). */
    public static JsonObject withContext(JsonObject entity) {
        return entity.copy().put("@context", new JsonArray().add(NgsiLd.MODEL_CONTEXT).add(NgsiLd.CORE_CONTEXT));
    }

    private static JsonObject point(Row r) {
        return new JsonObject().put("type", "Point").put("coordinates", new JsonArray().add(r.lon()).add(r.lat()));
    }

    private static JsonObject property(Object value) {
        return new JsonObject().put("type", "Property").put("value", value);
    }

    private static void put(JsonObject e, String name, Object value) {
        if (value != null) {
            e.put(name, value);
        }
    }

    private static void putTime(JsonObject e, String name, String time) {
        if (time != null) {
            e.put(name, property(new JsonObject().put("@type", "DateTime").put("@value", time)));
        }
    }
}
