package org.clearway.api.ngsi;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.resources.Db;
import org.clearway.api.resources.Scope;
import org.clearway.api.security.Principal;

/**
 * Bins as WasteContainer entities (docs/ngsi-ld.md), in the token's zone scope: the active bins with their latest
 * state, live alarms (the status), last emptying, next open job's deadline and current device.
 */
public final class WasteContainerQueries {
    /**
     * The CTE {@code e}: one row per active bin in the scope. Two arguments: the token's zone, twice. Every sub-query
     * is one bin's, by an index: collections through the bin's jobs ({@code jobs_bin_idx}, then the unique
     * {@code collections.job_id}), as collections has no index on the bin.
     */
    static final String ENTITIES = Scope.SCOPE_CTE + ", e AS (\n" + """
            SELECT b.id, b.zone_id, b.stream, b.volume_l, b.lat, b.lon, b.created_at,
                   coalesce(b.threshold_pct, w.default_threshold_pct) AS threshold_pct,
                   s.measured_at, s.temp_c,
                   CASE WHEN s.fill_pct IS NOT NULL THEN least(greatest(s.fill_pct / 100.0, 0.0), 1.0) END AS filling_level,
                   CASE WHEN s.bin_id IS NULL THEN 'unknown'
                        WHEN 'fire' = ANY(k.kinds) THEN 'burning'
                        WHEN 'tilt' = ANY(k.kinds) OR s.tilt THEN 'dropped'
                        WHEN 'tamper' = ANY(k.kinds) THEN 'vandalized'
                        WHEN 'lid_open' = ANY(k.kinds) THEN 'lidOpen'
                        ELSE 'ok' END AS status,
                   (SELECT max(x.at) FROM (SELECT c.collected_at AS at FROM jobs cj JOIN collections c ON c.job_id = cj.id
                                            WHERE cj.bin_id = b.id AND c.bin_id = b.id
                                           UNION ALL
                                           SELECT u.at FROM unplanned_emptyings u WHERE u.bin_id = b.id) x)
                       AS last_emptying_at,
                   (SELECT min(j.due_at) FROM jobs j WHERE j.bin_id = b.id
                       AND j.state IN ('open', 'planned', 'dispatched', 'accepted', 'arrived')) AS next_deadline_at,
                   (SELECT da.device_id FROM device_assignments da WHERE da.bin_id = b.id AND da.valid_to IS NULL)
                       AS device_id,
            """ + "       " + StoredWasteKind.SQL + " AS stored_waste_kind\n" + """
              FROM bins b
              JOIN waste_streams w ON w.code = b.stream
              LEFT JOIN bin_state s ON s.bin_id = b.id
              CROSS JOIN LATERAL (SELECT coalesce(s.alarms, '{}'::text[]) || coalesce(array_agg(a.kind), '{}'::text[])
                                    AS kinds
                                    FROM alarms a WHERE a.bin_id = b.id AND a.state <> 'cleared') k
             WHERE b.retired_at IS NULL AND b.zone_id IN (SELECT id FROM scope))
            """;
    static final String ONE = ENTITIES + "SELECT * FROM e WHERE id = ?";

    private final DataSource dataSource;

    public WasteContainerQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A page of matching entities, and how many match in all when the query asked for the count. */
    public record Page(List<JsonObject> entities, Long count) {
    }

    public Page list(Principal principal, EntityQuery query) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> filterArgs = new ArrayList<>();
        query.conditions(conditions, filterArgs);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        try (Connection c = dataSource.getConnection()) {
            List<JsonObject> entities = List.of();
            if (query.limit() > 0) {
                List<Object> args = scoped(principal, filterArgs);
                args.add(query.limit());
                args.add(query.offset());
                entities = Db.query(c, ENTITIES + "SELECT * FROM e" + where + " ORDER BY id LIMIT ? OFFSET ?", args,
                        rs -> query.attrs().project(WasteContainerEntity.render(WasteContainerEntity.Row.of(rs),
                                query.form())));
            }
            Long count = null;
            if (query.count()) {
                count = Db.query(c, ENTITIES + "SELECT count(*) FROM e" + where, scoped(principal, filterArgs),
                        rs -> rs.getLong(1)).get(0);
            }
            return new Page(entities, count);
        }
    }

    /**
     * One entity by its id, with the attributes of {@code attrs} only; 404 when it is not a bin's, the bin is
     * retired, unknown or outside the scope.
     */
    public JsonObject get(Principal principal, String entityId, EntityQuery.Form form, Attrs attrs) throws SQLException {
        String binId = EntityQuery.binId(entityId);
        List<JsonObject> rows = List.of();
        if (binId != null) {
            try (Connection c = dataSource.getConnection()) {
                rows = Db.query(c, ONE, scoped(principal, List.of(binId)),
                        rs -> attrs.project(WasteContainerEntity.render(WasteContainerEntity.Row.of(rs), form)));
            }
        }
        if (rows.isEmpty()) {
            throw new ApiException(404, "not_found", "entity " + entityId + " not found");
        }
        return rows.get(0);
    }

    /** The rows of every active bin of the zone (and its descendants; {@code *} the city), as the broker is sent. */
    public List<WasteContainerEntity.Row> all(String zone) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Db.query(c, ENTITIES + "SELECT * FROM e ORDER BY id", List.of(zone, zone), WasteContainerEntity.Row::of);
        }
    }

    private static List<Object> scoped(Principal principal, List<Object> more) {
        List<Object> args = new ArrayList<>(List.of(principal.zone(), principal.zone()));
        args.addAll(more);
        return args;
    }
}
