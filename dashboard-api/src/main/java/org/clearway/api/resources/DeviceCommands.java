package org.clearway.api.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;
import org.clearway.core.time.DbClock;

/**
 * A bin's device: put one on it (moving it from another bin, or replacing the bin's old one), take
 * it off, and the history. An assignment starts and ends at the services' clock's time (one clock: the launcher's city clock
 * too), never back-dated, so the readings already stored keep the bin their device was on when they were
 * measured. Every statement is bounded by the token's scope through the bins involved.
 */
public final class DeviceCommands {
    static final String UPSERT_DEVICE = """
            INSERT INTO devices (id, model, source) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, source = EXCLUDED.source
            """;
    static final String CURRENT_OF_DEVICE =
            "SELECT bin_id FROM device_assignments WHERE device_id = ? AND valid_to IS NULL FOR UPDATE";
    static final String CLOSE_OF_DEVICE = "UPDATE device_assignments SET valid_to = ? WHERE device_id = ? AND valid_to IS NULL";
    static final String CLOSE_OF_BIN = "UPDATE device_assignments SET valid_to = ? WHERE bin_id = ? AND valid_to IS NULL";
    static final String OPEN = "INSERT INTO device_assignments (device_id, bin_id, valid_from) VALUES (?, ?, ?)";
    static final String HISTORY = """
            SELECT a.device_id, d.model, d.source, a.bin_id, a.valid_from, a.valid_to
              FROM device_assignments a JOIN devices d ON d.id = a.device_id
             WHERE a.bin_id = ? ORDER BY a.valid_from DESC
            """;

    private final DataSource dataSource;
    private final Clock clock;

    /** @param clock when assignments start and end (truncated to microseconds, {@link DbClock}) */
    public DeviceCommands(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = DbClock.of(clock);
    }

    public JsonObject assign(Principal principal, String binId, JsonObject body) throws SQLException {
        NewDevice device = NewDevice.fromJson(body);
        return Tx.run(dataSource, c -> {
            assign(c, principal, binId, device, clock.instant());
            return device(c, principal, binId);
        });
    }

    public JsonObject unassign(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> {
            BinQueries.get(c, principal, binId);
            if (Db.update(c, CLOSE_OF_BIN, List.of(Timestamp.from(clock.instant()), binId)) == 0) {
                throw ApiException.notFound("device of bin " + binId);
            }
            return device(c, principal, binId);
        });
    }

    public JsonObject get(Principal principal, String binId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return device(c, principal, binId);
        }
    }

    /** Puts the device on the bin, within the caller's transaction; both bins must be in the token's scope. */
    static void assign(Connection c, Principal principal, String binId, NewDevice device, Instant at) throws SQLException {
        JsonObject bin = BinQueries.get(c, principal, binId);
        if (bin.getValue("retiredAt") != null) {
            throw ApiException.conflict("retired", "bin " + binId + " is retired");
        }
        List<String> current = Db.query(c, CURRENT_OF_DEVICE, List.of(device.id()), rs -> rs.getString(1));
        Db.update(c, UPSERT_DEVICE, List.of(device.id(), device.model().code(), device.source()));
        if (!current.isEmpty() && current.getFirst().equals(binId)) {
            return;
        }
        if (!current.isEmpty()) {
            try {
                BinQueries.get(c, principal, current.getFirst());
            } catch (ApiException e) {
                throw ApiException.conflict("device_elsewhere",
                        "device " + device.id() + " is on a bin outside this token's zone");
            }
            Db.update(c, CLOSE_OF_DEVICE, List.of(Timestamp.from(at), device.id()));
        }
        Db.update(c, CLOSE_OF_BIN, List.of(Timestamp.from(at), binId));
        Db.update(c, OPEN, List.of(device.id(), binId, Timestamp.from(at)));
    }

    private static JsonObject device(Connection c, Principal principal, String binId) throws SQLException {
        BinQueries.get(c, principal, binId);
        List<JsonObject> rows = Db.query(c, HISTORY, List.of(binId), DeviceCommands::row);
        JsonObject current = rows.isEmpty() || rows.getFirst().getValue("to") != null ? null : rows.getFirst();
        if (current != null) {
            current.put("status", DeviceStatusQueries.latest(c, current.getString("deviceId")));
        }
        return new JsonObject().put("binId", binId).put("current", current).put("history", new JsonArray(rows));
    }

    private static JsonObject row(ResultSet rs) throws SQLException {
        return new JsonObject().put("deviceId", rs.getString("device_id")).put("model", rs.getString("model"))
                .put("source", rs.getString("source")).put("binId", rs.getString("bin_id"))
                .put("from", Db.time(rs, "valid_from")).put("to", Db.time(rs, "valid_to"));
    }
}
