package org.clearway.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * A network server's status event for a device (ChirpStack's {@code status}: battery level, external power), stored
 * in its own transaction as the device's status with the bin it was on then ({@link DeviceStatusRows}).
 */
public final class StatusEvents {
    static final String DEVICE_AND_BIN = """
            SELECT d.id, a.bin_id
              FROM devices d
              LEFT JOIN device_assignments a ON a.device_id = d.id AND a.valid_from <= ?::timestamptz
                                            AND (a.valid_to IS NULL OR a.valid_to > ?::timestamptz)
             WHERE d.id = ?
            """;

    private final DataSource db;
    private final DeviceStatus.LowBattery rule;

    public StatusEvents(DataSource db, DeviceStatus.LowBattery rule) {
        this.db = db;
        this.rule = rule;
    }

    /**
     * Stores the status; blocking, off the event loop.
     *
     * @param batteryPct null when the device cannot tell (ChirpStack's {@code batteryLevelUnavailable}) or is on
     *                   external power
     * @return false when the device is not registered (nothing stored)
     */
    public boolean store(String deviceId, Instant at, Instant receivedAt, Double batteryPct, Boolean externalPower)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String bin;
                try (PreparedStatement ps = c.prepareStatement(DEVICE_AND_BIN)) {
                    ps.setString(1, at.toString());
                    ps.setString(2, at.toString());
                    ps.setString(3, deviceId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return false;
                        }
                        bin = rs.getString(2);
                    }
                }
                DeviceStatusRows.write(c, List.of(new DeviceStatus(deviceId, at, DeviceStatus.CHIRPSTACK_STATUS, receivedAt,
                        bin, batteryPct, null, externalPower, null, rule.low(batteryPct, null))));
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
