package org.clearway.ingest.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Device tokens of the plain HTTP source (migration V17): a token is kept only as its SHA-256 (a token is 32 random
 * bytes, so a fast hash is enough), and answers which device it belongs to and which bin that device is on now.
 * Lookups are cached for a short time, found or not, so a flood of requests does not become a flood of queries.
 */
public final class DeviceTokens {
    static final String FIND_TOKEN = """
            SELECT t.device_id, a.bin_id
              FROM device_tokens t
              LEFT JOIN device_assignments a ON a.device_id = t.device_id AND a.valid_from <= ?::timestamptz
                                            AND (a.valid_to IS NULL OR a.valid_to > ?::timestamptz)
             WHERE t.token_sha256 = ?
            """;

    /**
     * A token's device.
     *
     * @param deviceId the device
     * @param binId    the bin it is on now; null when it is on none
     */
    public record Holder(String deviceId, String binId) {
    }

    private record Cached(Optional<Holder> holder, Instant until) {
    }

    private static final int MAX_CACHED = 100_000;

    private final DataSource db;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public DeviceTokens(DataSource db, Clock clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Blocking (a query on a cache miss): call off the event loop. */
    public Optional<Holder> find(String token) throws SQLException {
        byte[] hash = sha256(token);
        String key = java.util.HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        Cached c = cache.get(key);
        if (c != null && c.until().isAfter(now)) {
            return c.holder();
        }
        Optional<Holder> found = query(hash, now);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(found, now.plus(ttl)));
        return found;
    }

    private Optional<Holder> query(byte[] hash, Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(FIND_TOKEN)) {
            ps.setString(1, now.toString());
            ps.setString(2, now.toString());
            ps.setBytes(3, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Holder(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** The stored form of a token. */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
