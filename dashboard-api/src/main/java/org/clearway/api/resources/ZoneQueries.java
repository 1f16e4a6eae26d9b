package org.clearway.api.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.clearway.api.security.Principal;

/**
 * The zone tree the token sees: its zone (or every district) with all descendants, nested, each with the active bins
 * of its whole subtree (the scope always holds a visible zone's whole subtree, so nothing hidden is counted).
 */
public final class ZoneQueries {
    static final String VISIBLE = Scope.SCOPE_CTE + """
            SELECT z.id, z.parent_id, z.level, z.name,
                   (SELECT count(*) FROM bins b WHERE b.zone_id = z.id AND b.retired_at IS NULL) AS active_bins
              FROM zones z
             WHERE z.id IN (SELECT id FROM scope)
             ORDER BY z.id
            """;

    private final DataSource dataSource;

    public ZoneQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public JsonObject tree(Principal principal) throws SQLException {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        Map<String, String> parents = new LinkedHashMap<>();
        List<JsonObject> rows = Db.query(dataSource, VISIBLE, Scope.args(principal), rs -> {
            parents.put(rs.getString("id"), rs.getString("parent_id"));
            return new JsonObject()
                    .put("id", rs.getString("id"))
                    .put("parentId", rs.getString("parent_id"))
                    .put("level", rs.getString("level"))
                    .put("name", rs.getString("name"))
                    .put("activeBins", rs.getLong("active_bins"))
                    .put("children", new JsonArray());
        });
        rows.forEach(z -> byId.put(z.getString("id"), z));
        JsonArray roots = new JsonArray();
        for (JsonObject zone : rows) {
            JsonObject parent = byId.get(parents.get(zone.getString("id")));
            if (parent == null) {
                roots.add(zone);
            } else {
                parent.getJsonArray("children").add(zone);
            }
        }
        roots.forEach(root -> addUp((JsonObject) root));
        return new JsonObject().put("zones", roots);
    }

    /** A zone's active bins are its own and those of every zone under it: a district counts its streets' bins. */
    private static long addUp(JsonObject zone) {
        long bins = zone.getLong("activeBins");
        for (Object child : zone.getJsonArray("children")) {
            bins += addUp((JsonObject) child);
        }
        zone.put("activeBins", bins);
        return bins;
    }
}
