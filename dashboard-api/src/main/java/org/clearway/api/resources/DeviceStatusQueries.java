package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A device's latest status as ingest stored it (V17 {@code device_status}): battery in percent or volts, external
 * power, tilt, low battery, when and from what ({@code frame}, {@code chirpstack-status} or {@code tts-status}). Callers have already
 * checked the device's bin against the token's scope.
 */
final class DeviceStatusQueries {
    static final String LATEST = """
            SELECT measured_at, source, battery_pct, battery_v, external_power, tilt, low_battery
              FROM device_status WHERE device_id = ?
            """;

    private DeviceStatusQueries() {
    }

    /** The status, or null when the device never reported one. */
    static JsonObject latest(Connection c, String deviceId) throws SQLException {
        List<JsonObject> rows = Db.query(c, LATEST, List.of(deviceId), DeviceStatusQueries::row);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private static JsonObject row(ResultSet rs) throws SQLException {
        return new JsonObject().put("measuredAt", Db.time(rs, "measured_at")).put("source", rs.getString("source"))
                .put("batteryPct", Db.nullableDouble(rs, "battery_pct")).put("batteryV", Db.nullableDouble(rs, "battery_v"))
                .put("externalPower", Db.nullableBool(rs, "external_power")).put("tilt", Db.nullableBool(rs, "tilt"))
                .put("lowBattery", rs.getBoolean("low_battery"));
    }
}
