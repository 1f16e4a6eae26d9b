package org.clearway.api.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.resources.Db;
import org.clearway.api.resources.Scope;
import org.clearway.api.security.Principal;
import org.clearway.api.security.Role;
import org.clearway.api.security.TokenRegistry;
import org.clearway.core.time.DbClock;

/**
 * The share links made (V22 {@code report_share_links}), so that each can be revoked on its own: the list of a zone's
 * unexpired links, revocation, and whether a link that checks out by its signature was revoked. A link is in a
 * token's scope when its zone is (a whole-city link for a whole-city token only).
 */
final class ShareLinkStore {
    static final String INSERT = """
            INSERT INTO report_share_links (sig_sha256, zone_id, quarter, expires_at, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING id""";
    static final String REVOKED = "SELECT revoked_at IS NOT NULL FROM report_share_links WHERE sig_sha256 = ?";
    private static final String IN_SCOPE = "(l.zone_id IN (SELECT id FROM scope) OR ?::text = '*')";
    static final String LIST = Scope.SCOPE_CTE + """
            SELECT l.id, l.zone_id, l.quarter, l.expires_at, l.created_at, l.created_by, l.revoked_at, l.revoked_by
              FROM report_share_links l WHERE""" + " " + IN_SCOPE + """
               AND l.expires_at > ? ORDER BY l.created_at DESC, l.id DESC LIMIT 200""";
    static final String LOCK = Scope.SCOPE_CTE + "SELECT l.created_by, l.revoked_at FROM report_share_links l WHERE l.id = ? AND "
            + IN_SCOPE + " FOR UPDATE";
    static final String REVOKE = "UPDATE report_share_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL";

    private final DataSource dataSource;
    private final Clock clock;

    ShareLinkStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Records a link just signed; answers its id. */
    long made(ShareLinks.Link link, Principal by) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Db.query(c, INSERT, List.of(TokenRegistry.sha256(link.sig()), link.zone(), link.quarter(),
                    link.expiresAt(), now(), actor(by)), rs -> rs.getLong(1)).getFirst();
        }
    }

    /** Whether the link with this signature was revoked (a link with no row, made before V22, was not). */
    boolean revoked(String sig) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Db.query(c, REVOKED, List.of(TokenRegistry.sha256(sig)), rs -> rs.getBoolean(1)).stream()
                    .findFirst().orElse(false);
        }
    }

    /** {@code {"items": [...]}}: the unexpired links of the token's zones, newest first, revoked ones included. */
    JsonObject list(Principal principal) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Object> args = new ArrayList<>(List.of(principal.zone(), principal.zone(), principal.zone(), now()));
            return new JsonObject().put("items", new JsonArray(Db.query(c, LIST, args, rs -> new JsonObject()
                    .put("id", rs.getLong("id")).put("zone", rs.getString("zone_id")).put("quarter", rs.getString("quarter"))
                    .put("expiresAt", Db.time(rs, "expires_at")).put("createdAt", Db.time(rs, "created_at"))
                    .put("createdBy", rs.getString("created_by")).put("revokedAt", Db.time(rs, "revoked_at"))
                    .put("revokedBy", rs.getString("revoked_by")))));
        }
    }

    /**
     * Revokes the link: by the token that made it, or an operator or above of its zone; 404 outside the token's scope.
     * Revoking a revoked link changes nothing.
     */
    JsonObject revoke(Principal principal, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> maker = Db.query(c, LOCK, List.of(principal.zone(), principal.zone(), id, principal.zone()),
                        rs -> rs.getString(1));
                if (maker.isEmpty()) {
                    throw ApiException.notFound("share link " + id);
                }
                if (!maker.getFirst().equals(actor(principal)) && !principal.role().atLeast(Role.OPERATOR)) {
                    throw new ApiException(403, "forbidden", "only the token that made a link, or an operator of its zone,"
                            + " may revoke it");
                }
                Db.update(c, REVOKE, List.of(now(), actor(principal), id));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return new JsonObject().put("id", id).put("revoked", true);
    }

    private Instant now() {
        return DbClock.truncate(clock.instant());
    }

    static String actor(Principal principal) {
        return "token:" + principal.tokenId();
    }
}
