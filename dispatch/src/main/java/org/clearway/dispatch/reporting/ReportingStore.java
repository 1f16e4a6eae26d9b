package org.clearway.dispatch.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the reporting chore reads and writes, on the caller's connection (it never commits): the bins that carry a
 * device on a network server (of the sources downlinks can go through), with their threshold, decision state and the tier their device was last sent, and the
 * {@code device_reporting} rows of the downlinks the broker acknowledged.
 */
public final class ReportingStore {

    /** The devices now on unretired bins, of the given models, on a network server; the newest tier sent to each on
     * this bin (a device moved to another bin starts afresh). */
    static final String SELECT_DEVICES = """
            SELECT a.device_id, a.bin_id, d.model, d.source,
                   coalesce(b.threshold_pct, w.default_threshold_pct) AS threshold_pct,
                   s.state::text AS state, r.tier AS last_tier
            FROM device_assignments a
            JOIN devices d ON d.id = a.device_id
            JOIN bins b ON b.id = a.bin_id AND b.retired_at IS NULL
            JOIN waste_streams w ON w.code = b.stream
            LEFT JOIN bin_decisions s ON s.bin_id = a.bin_id
            LEFT JOIN LATERAL (SELECT tier FROM device_reporting r
                               WHERE r.device_id = a.device_id AND r.bin_id = a.bin_id
                               ORDER BY r.sent_at DESC, r.id DESC LIMIT 1) r ON true
            WHERE a.valid_to IS NULL AND d.source = ANY (?) AND d.model = ANY (?)
            ORDER BY a.device_id""";

    static final String INSERT_SENT = """
            INSERT INTO device_reporting (device_id, bin_id, model, source, tier, interval_s, level_pct, topic, f_port,
                                          payload_hex, sent_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** A bin's device as the chore sees it. */
    public record Device(String deviceId, String binId, String model, String source, double thresholdPct,
                         String stateJson, String lastTier) {
    }

    /** A downlink the broker acknowledged. */
    public record Sent(Device device, String tier, long intervalS, Double levelPct, String topic, int fPort,
                       String payloadHex, Instant sentAt) {
    }

    /** The devices of {@code sources} ({@code chirpstack}, {@code tts}) and {@code models}, by device id. */
    public List<Device> devices(Connection c, Collection<String> sources, Collection<String> models) throws SQLException {
        List<Device> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_DEVICES)) {
            ps.setArray(1, c.createArrayOf("text", sources.toArray()));
            ps.setArray(2, c.createArrayOf("text", models.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Device(rs.getString("device_id"), rs.getString("bin_id"), rs.getString("model"),
                            rs.getString("source"), rs.getDouble("threshold_pct"), rs.getString("state"),
                            rs.getString("last_tier")));
                }
            }
        }
        return found;
    }

    public void record(Connection c, Collection<Sent> sent) throws SQLException {
        if (sent.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_SENT)) {
            for (Sent s : sent) {
                ps.setString(1, s.device().deviceId());
                ps.setString(2, s.device().binId());
                ps.setString(3, s.device().model());
                ps.setString(4, s.device().source());
                ps.setString(5, s.tier());
                ps.setLong(6, s.intervalS());
                if (s.levelPct() == null) {
                    ps.setNull(7, Types.DOUBLE);
                } else {
                    ps.setDouble(7, s.levelPct());
                }
                ps.setString(8, s.topic());
                ps.setInt(9, s.fPort());
                ps.setString(10, s.payloadHex());
                ps.setTimestamp(11, Timestamp.from(s.sentAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
