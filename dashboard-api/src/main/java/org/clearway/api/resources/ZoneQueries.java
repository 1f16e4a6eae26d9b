package org.clearway.api.resources;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.clearway.api.http.Blocking;
import org.clearway.api.security.Principal;

/**
 * The zone tree the token sees: its zone (or every district) with all descendants, nested, each with the active bins
 * of its whole subtree (the scope always holds a visible zone's whole subtree, so nothing hidden is counted).
 * <p>
 * {@code GET /zones} is served encoded: the last answer of each token zone is kept as bytes with a strong ETag (its
 * SHA-256) and answered again, without SQL or JSON work, while it is younger than the maximum age
 * ({@code CLEARWAY_API_ZONES_MAX_AGE}); {@code If-None-Match} with its ETag is 304. A zone or bin added, moved or
 * retired shows within the maximum age. The key is the token's zone: a tree is only ever reused for tokens that see
 * the same zones.
 */
public final class ZoneQueries {
    static final String VISIBLE = Scope.SCOPE_CTE + """
            SELECT z.id, z.parent_id, z.level, z.name,
                   (SELECT count(*) FROM bins b WHERE b.zone_id = z.id AND b.retired_at IS NULL) AS active_bins
              FROM zones z
             WHERE z.id IN (SELECT id FROM scope)
             ORDER BY z.id
            """;

    /** Token zones whose last answer is kept, at most (past it the kept ones are dropped). */
    static final int MAX_KEPT = 256;

    /** An encoded tree: 200 with its bytes, or 304 without. */
    public record Answer(int status, String etag, Buffer body, boolean gzip) implements Blocking.Encoded {
    }

    private record Kept(long readAtMillis, String etag, Buffer body) {
    }

    private final DataSource dataSource;
    private final long maxAgeMillis;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /** Every request reads the tree (no reuse). */
    public ZoneQueries(DataSource dataSource) {
        this(dataSource, Duration.ZERO, Clock.systemUTC());
    }

    /** @param maxAge how long a token zone's last answer is answered again (zero: never) */
    public ZoneQueries(DataSource dataSource, Duration maxAge, Clock clock) {
        this.dataSource = dataSource;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    /** The token's tree, encoded: the kept one while young enough, else read again; 304 for its ETag. */
    public Answer answer(Principal principal, String ifNoneMatch) throws SQLException {
        long now = clock.millis();
        Kept last = kept.get(principal.zone());
        if (last == null || now - last.readAtMillis() >= maxAgeMillis || now < last.readAtMillis()) {
            Buffer body = tree(principal).toBuffer();
            last = new Kept(now, MapLayer.etag(body.getBytes()), body);
            if (maxAgeMillis > 0) {
                if (kept.size() >= MAX_KEPT) {
                    kept.clear();
                }
                kept.put(principal.zone(), last);
            }
        }
        if (MapLayer.matches(ifNoneMatch, last.etag())) {
            return new Answer(304, last.etag(), null, false);
        }
        return new Answer(200, last.etag(), last.body(), false);
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
