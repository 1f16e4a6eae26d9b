package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;
import org.clearway.core.time.DbClock;

/**
 * Changing bins: create, patch, retire. Only the fields of {@link #WRITABLE} are ever written
 * (createdAt, retiredAt and id are not among them: openapi.yaml refuses them first), and every
 * statement is bounded by the token's scope, for the bin and for a zone it is moved to.
 */
public final class BinCommands {
    /** JSON field to column: the only columns a request can set. */
    static final Map<String, String> WRITABLE = writable();
    static final String ZONE_IN_SCOPE = Scope.SCOPE_CTE + "SELECT 1 FROM scope WHERE id = ?";
    static final String INSERT = """
            INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, sensor_offset_mm, lat, lon, threshold_pct)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    static final String RETIRE = Scope.SCOPE_CTE + """
            UPDATE bins b SET retired_at = ?
             WHERE b.id = ? AND b.zone_id IN (SELECT id FROM scope) AND b.retired_at IS NULL
            """;
    /** {@code %s} is a list of {@code column = ?} built from {@link #WRITABLE} only. */
    static final String UPDATE_TEMPLATE = Scope.SCOPE_CTE
            + "UPDATE bins b SET %s WHERE b.id = ? AND b.zone_id IN (SELECT id FROM scope)";

    private final DataSource dataSource;
    private final Clock clock;
    private final DeviceCommands devices;
    private final DeviceTokenCommands deviceTokens;

    /** @param clock the time a retirement is dated with (the services' clock, not the database's) */
    public BinCommands(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = DbClock.of(clock);
        this.devices = new DeviceCommands(dataSource, this.clock);
        this.deviceTokens = new DeviceTokenCommands(dataSource, this.clock);
    }

    /** The tokens of the bins' devices for ingest's HTTP source (issue 14). */
    public DeviceTokenCommands deviceTokens() {
        return deviceTokens;
    }

    /** The bins' devices (issue 14), on the same database. */
    public DeviceCommands devices() {
        return devices;
    }

    private static Map<String, String> writable() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zoneId", "zone_id");
        m.put("stream", "stream");
        m.put("volumeL", "volume_l");
        m.put("depthMm", "depth_mm");
        m.put("sensorOffsetMm", "sensor_offset_mm");
        m.put("lat", "lat");
        m.put("lon", "lon");
        m.put("thresholdPct", "threshold_pct");
        return java.util.Collections.unmodifiableMap(m);
    }

    public JsonObject create(Principal principal, JsonObject body) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            insert(c, principal, NewBin.fromJson(body));
            return BinQueries.get(c, principal, body.getString("id"));
        }
    }

    /** Inserts one bin on the connection (autocommit), after checking its zone is in scope. */
    static void insert(Connection c, Principal principal, NewBin bin) throws SQLException {
        requireZoneInScope(c, principal, bin.zoneId());
        Db.update(c, INSERT, java.util.Arrays.asList(bin.id(), bin.zoneId(), bin.stream(), bin.volumeL(), bin.depthMm(),
                bin.sensorOffsetMm(), bin.lat(), bin.lon(), bin.thresholdPct()));
    }

    public JsonObject patch(Principal principal, String id, JsonObject body) throws SQLException {
        for (String field : body.fieldNames()) {
            if (!WRITABLE.containsKey(field)) {
                throw ApiException.badRequest("protected_field", field + " cannot be changed");
            }
        }
        try (Connection c = dataSource.getConnection()) {
            BinQueries.get(c, principal, id);
            if (body.containsKey("zoneId")) {
                requireZoneInScope(c, principal, body.getString("zoneId"));
            }
            List<String> sets = new ArrayList<>();
            List<Object> args = Scope.args(principal);
            for (Map.Entry<String, String> e : WRITABLE.entrySet()) {
                if (body.containsKey(e.getKey())) {
                    sets.add(e.getValue() + " = ?");
                    args.add(body.getValue(e.getKey()));
                }
            }
            args.add(id);
            if (Db.update(c, String.format(UPDATE_TEMPLATE, String.join(", ", sets)), args) == 0) {
                throw ApiException.notFound("bin " + id);
            }
            return BinQueries.get(c, principal, id);
        }
    }

    public JsonObject retire(Principal principal, String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            BinQueries.get(c, principal, id);
            List<Object> args = Scope.args(principal);
            args.add(clock.instant());
            args.add(id);
            if (Db.update(c, RETIRE, args) == 0) {
                throw ApiException.conflict("already_retired", "bin " + id + " is retired already");
            }
            return BinQueries.get(c, principal, id);
        }
    }

    /** 400 {@code unknown_zone} for a zone that does not exist or that the token does not see. */
    static void requireZoneInScope(Connection c, Principal principal, String zoneId) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(zoneId);
        if (Db.query(c, ZONE_IN_SCOPE, args, rs -> 1).isEmpty()) {
            throw ApiException.badRequest("unknown_zone", "zone " + zoneId + " does not exist or is outside this token's zone");
        }
    }
}
