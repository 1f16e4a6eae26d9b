package org.clearway.api.resources;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.clearway.api.http.Blocking;
import org.clearway.api.security.Principal;

/**
 * The map layer at city size ({@code GET /map/bins.geojson}, docs/api.md "Map layer"): every active bin of a zone in
 * one FeatureCollection, from a cache of the encoded features per zone (the zone a bin belongs to). Each request reads
 * one fingerprint per zone (a count and a sum of hashes of every field a feature shows, bins and bin state, so any
 * reading or bin change alters it) and re-reads and re-encodes only the zones whose fingerprint changed; the rest is
 * copied from the cache. Fingerprints and features come from one snapshot. The fingerprints make a strong ETag:
 * {@code If-None-Match} with it answers 304 without a body. Both queries are bounded by the token's zone.
 * <p>
 * Nothing is encoded per request: each zone's features are kept as bytes and as a deflate stream of their own
 * ({@link MapBody}), and a whole answer, plain and gzip, is kept by its ETag (up to {@link #ANSWER_CACHE_BYTES}), so
 * a request whose zones did not change is one fingerprint query and a write of bytes already made.
 * <p>
 * The fingerprint query reads every bin of the zone (about 10 ms for 10,000 bins on a quiet machine, 150-300 ms on a
 * loaded one), so the last answer of each token zone and asked zone is reused without it while its fingerprints are
 * younger than the maximum age ({@code CLEARWAY_API_MAP_MAX_AGE}); once they are older, one request reads them again
 * while the others keep getting the last answer, so an answer is at most the maximum age plus one fingerprint read
 * old. A maximum age of zero reads them for every request.
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
    /** Assembled answers kept at most (the city's and a community's are typical), in bytes of both encodings. */
    static final long ANSWER_CACHE_BYTES = 64L * 1024 * 1024;
    /** Token zones and asked zones whose last answer is kept for reuse within the maximum age, at most. */
    static final int MAX_LATEST = 256;

    /** A zone's features, encoded and joined by commas (plain and deflated), and the fingerprint they were read under. */
    private record Entry(String fingerprint, MapBody.Piece features) {
    }

    /**
     * The answer: 304 (no body) when the client's ETag matches, else 200 with the collection, gzip-compressed when
     * the client accepts it ({@code gzip} true; the ETag then ends in {@code -gzip}: another representation).
     */
    public record Answer(int status, String etag, Buffer body, boolean gzip) implements Blocking.Encoded {
    }

    /** The last answer read for one token zone and asked zone: when its fingerprints were read, its ETag and bytes. */
    private record Latest(long readAtMillis, String etag, MapBody.Encoded encoded) {
    }

    private final DataSource dataSource;
    private final long maxAgeMillis;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    /** The keys of {@link #latest} whose fingerprints a request is reading now. */
    private final Set<String> reading = ConcurrentHashMap.newKeySet();
    /** Whole answers by ETag (the ETag names each zone and its fingerprint, so equal ETags mean equal bytes). */
    private final Map<String, MapBody.Encoded> answers = new LinkedHashMap<>(16, 0.75f, true);
    private long answerBytes;

    /**
     * @param maxAge how old the fingerprints may be when a request reuses the last answer of its token zone and asked
     *               zone without reading them (zero: every request reads them)
     */
    public MapLayer(DataSource dataSource, Duration maxAge, Clock clock) {
        this.dataSource = dataSource;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    /**
     * @param zone           the asked zone (its subtree), or null for the token's zone
     * @param ifNoneMatch    the request's If-None-Match header, or null
     * @param acceptEncoding the request's Accept-Encoding header, or null
     */
    public Answer answer(Principal principal, String zone, String ifNoneMatch, String acceptEncoding) throws SQLException {
        boolean gzip = MapBody.acceptsGzip(acceptEncoding);
        String key = principal.zone() + "\n" + (zone == null ? "" : zone);
        Latest last = latest.get(key);
        if (last != null && maxAgeMillis > 0) {
            long age = clock.millis() - last.readAtMillis();
            // Young enough, or older while another request reads the fingerprints (at most maxAge + that read).
            if ((age >= 0 && age < maxAgeMillis) || !reading.add(key)) {
                return answer(last.etag(), last.encoded(), ifNoneMatch, gzip);
            }
        } else if (maxAgeMillis > 0) {
            reading.add(key);
        }
        try {
            long readAt = clock.millis();
            Latest fresh = read(principal, zone);
            if (latest.size() >= MAX_LATEST) {
                latest.clear();
            }
            latest.put(key, new Latest(readAt, fresh.etag(), fresh.encoded()));
            return answer(fresh.etag(), fresh.encoded(), ifNoneMatch, gzip);
        } finally {
            reading.remove(key);
        }
    }

    private static Answer answer(String etag, MapBody.Encoded encoded, String ifNoneMatch, boolean gzip) {
        String tag = gzip ? gzipTag(etag) : etag;
        if (matches(ifNoneMatch, etag)) {
            return new Answer(304, tag, null, gzip);
        }
        return new Answer(200, tag, gzip ? encoded.gzip() : encoded.plain(), gzip);
    }

    /** The fingerprints, the ETag and the answer's bytes (from the caches when they still hold) in one snapshot. */
    private Latest read(Principal principal, String zone) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Latest answer = read(c, principal, zone);
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

    private Latest read(Connection c, Principal principal, String zone) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(zone);
        args.add(zone);
        Map<String, String> fingerprints = new TreeMap<>();
        for (Object[] row : Db.query(c, FINGERPRINTS, args, rs -> new Object[] {rs.getString(1),
                rs.getLong(2) + ":" + rs.getBigDecimal(3).toPlainString()})) {
            fingerprints.put((String) row[0], (String) row[1]);
        }
        String etag = etag(fingerprints);
        MapBody.Encoded encoded = cached(etag);
        if (encoded == null) {
            encoded = MapBody.assemble(zones(c, principal, fingerprints));
            keep(etag, encoded);
        }
        return new Latest(0, etag, encoded);
    }

    /** Each zone's features as of these fingerprints: from the cache, the changed zones read and encoded again. */
    private List<MapBody.Piece> zones(Connection c, Principal principal, Map<String, String> fingerprints)
            throws SQLException {
        Map<String, MapBody.Piece> pieces = new TreeMap<>();
        List<String> stale = new ArrayList<>();
        fingerprints.forEach((id, fingerprint) -> {
            Entry e = cache.get(id);
            if (e == null || !e.fingerprint().equals(fingerprint)) {
                stale.add(id);
            } else {
                pieces.put(id, e.features());
            }
        });
        if (!stale.isEmpty()) {
            pieces.putAll(refresh(c, principal, stale, fingerprints));
        }
        return new ArrayList<>(pieces.values());
    }

    private Map<String, MapBody.Piece> refresh(Connection c, Principal principal, List<String> zones,
                                               Map<String, String> fingerprints) throws SQLException {
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
        Map<String, MapBody.Piece> fresh = new TreeMap<>();
        encoded.forEach((id, sb) -> {
            MapBody.Piece piece = MapBody.Piece.of(sb.toString());
            fresh.put(id, piece);
            cache.put(id, new Entry(fingerprints.get(id), piece));
        });
        return fresh;
    }

    private synchronized MapBody.Encoded cached(String etag) {
        return answers.get(etag);
    }

    private synchronized void keep(String etag, MapBody.Encoded encoded) {
        if (answers.put(etag, encoded) == null) {
            answerBytes += encoded.bytes();
        }
        var oldest = answers.entrySet().iterator();
        while (answerBytes > ANSWER_CACHE_BYTES && answers.size() > 1) {
            answerBytes -= oldest.next().getValue().bytes();
            oldest.remove();
        }
    }

    /** The gzip representation's ETag (a strong ETag names one representation, RFC 9110 8.8.3). */
    public static String gzipTag(String etag) {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    static String etag(Map<String, String> fingerprints) {
        MessageDigest sha = sha256();
        fingerprints.forEach((id, fingerprint) -> sha.update((id + "=" + fingerprint + ";").getBytes(StandardCharsets.UTF_8)));
        return quoted(sha);
    }

    /** A strong ETag of these bytes, made as the map's: the first 16 bytes of their SHA-256 in hex, quoted. */
    static String etag(byte[] body) {
        MessageDigest sha = sha256();
        sha.update(body);
        return quoted(sha);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(MessageDigest sha) {
        return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"";
    }

    /**
     * Whether If-None-Match names this ETag or its gzip representation's (a list, weak or strong, or {@code *}):
     * either means the client holds the current features.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag) || t.equals(gzipTag(etag))) {
                return true;
            }
        }
        return false;
    }
}
