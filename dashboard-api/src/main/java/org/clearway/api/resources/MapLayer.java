package org.clearway.api.resources;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.clearway.api.security.Principal;

/**
 * The map layer at city size ({@code GET /map/bins.geojson}, docs/api.md "Map layer"): every active bin of a zone in
 * one FeatureCollection, from a cache of the encoded features per zone (the zone a bin belongs to). Each request reads
 * one fingerprint per zone (a count and a sum of hashes of every field a feature shows, bins and bin state, so any
 * reading or bin change alters it) and re-reads and re-encodes only the zones whose fingerprint changed; the rest is
 * copied from the cache. Fingerprints and features come from one snapshot. The fingerprints make a strong ETag:
 * {@code If-None-Match} with it answers 304 without a body. Both queries are bounded by the token's zone.
 */
public final class MapLayer {
    /** The fingerprint of each zone with active bins in the token's scope and the asked zone's subtree. */
    static final String FINGERPRINTS = Scope.SCOPE_AND_FILTER_CTE + """
            SELECT b.zone_id, count(*) AS bins,
                   sum(hashtextextended(concat_ws('|', b.id, b.stream, b.volume_l, b.lat, b.lon,
                       coalesce(b.threshold_pct, w.default_threshold_pct), s.fill_pct, s.measured_at, s.last_seen_at,
                       s.battery_pct, s.alarms::text), 0)::numeric) AS hash
              FROM bins b
              JOIN waste_streams w ON w.code = b.stream
              LEFT JOIN bin_state s ON s.bin_id = b.id
             WHERE b.retired_at IS NULL AND b.zone_id IN (SELECT id FROM scope)
               AND (?::text IS NULL OR b.zone_id IN (SELECT id FROM sub))
             GROUP BY b.zone_id
             ORDER BY b.zone_id
            """;
    /** The features of the given zones (already within the scope; checked again), by zone and bin id. */
    static final String FEATURES = Scope.SCOPE_CTE + """
            SELECT b.id, b.zone_id, b.stream, b.volume_l, b.lat, b.lon,
                   coalesce(b.threshold_pct, w.default_threshold_pct) AS threshold_pct,
                   s.fill_pct, s.measured_at, s.last_seen_at, s.battery_pct, s.alarms
              FROM bins b
              JOIN waste_streams w ON w.code = b.stream
              LEFT JOIN bin_state s ON s.bin_id = b.id
             WHERE b.retired_at IS NULL AND b.zone_id = ANY (?::text[]) AND b.zone_id IN (SELECT id FROM scope)
             ORDER BY b.zone_id, b.id
            """;
    private static final byte[] HEAD = "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "],\"truncated\":false,\"nextCursor\":null}".getBytes(StandardCharsets.UTF_8);

    /** A zone's features, encoded and joined by commas, and the fingerprint they were read under. */
    private record Entry(String fingerprint, byte[] features) {
    }

    /** The answer: 304 (no body) when the client's ETag matches, else 200 with the collection. */
    public record Answer(int status, String etag, Buffer body) {
    }

    private final DataSource dataSource;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public MapLayer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param zone        the asked zone (its subtree), or null for the token's zone
     * @param ifNoneMatch the request's If-None-Match header, or null
     */
    public Answer answer(Principal principal, String zone, String ifNoneMatch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Answer answer = answer(c, principal, zone, ifNoneMatch);
                c.commit();
                return answer;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        }
    }

    private Answer answer(Connection c, Principal principal, String zone, String ifNoneMatch) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(zone);
        args.add(zone);
        Map<String, String> fingerprints = new TreeMap<>();
        for (Object[] row : Db.query(c, FINGERPRINTS, args, rs -> new Object[] {rs.getString(1),
                rs.getLong(2) + ":" + rs.getBigDecimal(3).toPlainString()})) {
            fingerprints.put((String) row[0], (String) row[1]);
        }
        String etag = etag(fingerprints);
        if (matches(ifNoneMatch, etag)) {
            return new Answer(304, etag, null);
        }
        List<String> stale = new ArrayList<>();
        fingerprints.forEach((id, fingerprint) -> {
            Entry e = cache.get(id);
            if (e == null || !e.fingerprint().equals(fingerprint)) {
                stale.add(id);
            }
        });
        if (!stale.isEmpty()) {
            refresh(c, principal, stale, fingerprints);
        }
        Buffer body = Buffer.buffer(HEAD.length + TAIL.length + fingerprints.size() * 16_384);
        body.appendBytes(HEAD);
        boolean first = true;
        for (String id : fingerprints.keySet()) {
            byte[] features = cache.get(id).features();
            if (features.length == 0) {
                continue;
            }
            if (!first) {
                body.appendByte((byte) ',');
            }
            body.appendBytes(features);
            first = false;
        }
        body.appendBytes(TAIL);
        return new Answer(200, etag, body);
    }

    private void refresh(Connection c, Principal principal, List<String> zones, Map<String, String> fingerprints)
            throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(c.createArrayOf("text", zones.toArray()));
        Map<String, StringBuilder> encoded = new TreeMap<>();
        for (String id : zones) {
            encoded.put(id, new StringBuilder());
        }
        Db.query(c, FEATURES, args, rs -> {
            JsonObject feature = BinQueries.feature(rs);
            StringBuilder sb = encoded.get(rs.getString("zone_id"));
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(feature.encode());
            return null;
        });
        encoded.forEach((id, sb) -> cache.put(id, new Entry(fingerprints.get(id), sb.toString().getBytes(StandardCharsets.UTF_8))));
    }

    static String etag(Map<String, String> fingerprints) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            fingerprints.forEach((id, fingerprint) -> sha.update((id + "=" + fingerprint + ";").getBytes(StandardCharsets.UTF_8)));
            return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether If-None-Match names this ETag (a list, weak or strong, or {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
