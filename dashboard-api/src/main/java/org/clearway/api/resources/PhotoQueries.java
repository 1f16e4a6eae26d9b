package org.clearway.api.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Blocking;
import org.clearway.api.security.Principal;

/**
 * The photos drivers took at stops (V22, docs/driver.md#photos), for the console's bin page: a photo is in a token's
 * scope when its bin is, like the job it belongs to.
 */
public final class PhotoQueries {
    static final int BIN_PHOTOS = 20;
    static final String BIN_IN_SCOPE = Scope.SCOPE_CTE
            + "SELECT b.id FROM bins b WHERE b.id = ? AND b.zone_id IN (SELECT id FROM scope)";
    /** The bin's latest photos, newest first, without their bytes; scoped like the check before it. */
    static final String OF_BIN = Scope.SCOPE_CTE + """
            SELECT p.id, p.job_id, p.truck_id, p.kind, p.content_type, p.size_bytes, p.taken_at, p.received_at
              FROM stop_photos p JOIN bins b ON b.id = p.bin_id
             WHERE p.bin_id = ? AND b.zone_id IN (SELECT id FROM scope)
             ORDER BY p.taken_at DESC, p.id DESC LIMIT ?""";
    static final String IMAGE = Scope.SCOPE_CTE + """
            SELECT p.content_type, p.image FROM stop_photos p JOIN bins b ON b.id = p.bin_id
             WHERE p.id = ? AND b.zone_id IN (SELECT id FROM scope)""";

    private final DataSource dataSource;

    public PhotoQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code {"items": [...]}}: the bin's latest 20 photos; 404 when the bin is not in the token's scope. */
    public JsonObject ofBin(Principal principal, String binId) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(binId);
        if (Db.query(dataSource, BIN_IN_SCOPE, args, rs -> rs.getString(1)).isEmpty()) {
            throw ApiException.notFound("bin " + binId);
        }
        args.add(BIN_PHOTOS);
        JsonArray items = new JsonArray(Db.query(dataSource, OF_BIN, args, rs -> new JsonObject()
                .put("id", rs.getLong("id")).put("jobId", rs.getLong("job_id")).put("truckId", rs.getString("truck_id"))
                .put("kind", rs.getString("kind")).put("contentType", rs.getString("content_type"))
                .put("sizeBytes", rs.getInt("size_bytes")).put("takenAt", Db.time(rs, "taken_at"))
                .put("receivedAt", Db.time(rs, "received_at"))));
        return new JsonObject().put("items", items);
    }

    /** The image; 404 when its bin is not in the token's scope. */
    public Blocking.Binary image(Principal principal, long id) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(id);
        List<Blocking.Binary> found = Db.query(dataSource, IMAGE, args,
                rs -> new Blocking.Binary(rs.getString(1), rs.getBytes(2)));
        if (found.isEmpty()) {
            throw ApiException.notFound("photo " + id);
        }
        return found.getFirst();
    }
}
