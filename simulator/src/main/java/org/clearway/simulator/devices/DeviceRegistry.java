package org.clearway.simulator.devices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Registers the simulated bins' LoRaWAN devices (V14's {@code devices} and {@code device_assignments}), so that ingest
 * finds the bin of each uplink: idempotently, in one transaction. A device is put on its bin from {@code from} (the
 * oldest reading the simulation may send) unless the device or the bin already carries an assignment in force, which
 * is left as it is.
 */
public final class DeviceRegistry {
    static final String INSERT_DEVICES = """
            INSERT INTO devices (id, model, source)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[])
            ON CONFLICT (id) DO NOTHING
            """;
    static final String INSERT_ASSIGNMENTS = """
            INSERT INTO device_assignments (device_id, bin_id, valid_from)
            SELECT t.device_id, t.bin_id, ?::timestamptz
              FROM unnest(?::text[], ?::text[]) AS t(device_id, bin_id)
             WHERE NOT EXISTS (SELECT 1 FROM device_assignments a
                                WHERE a.valid_to IS NULL AND (a.device_id = t.device_id OR a.bin_id = t.bin_id))
            ON CONFLICT DO NOTHING
            """;

    private DeviceRegistry() {
    }

    /** @return how many devices were put on their bins now (0 when registered before) */
    public static int register(DataSource dataSource, List<SimDevice> devices, Instant from) throws SQLException {
        if (devices.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement(INSERT_DEVICES);
                 PreparedStatement a = c.prepareStatement(INSERT_ASSIGNMENTS)) {
                d.setArray(1, c.createArrayOf("text", devices.stream().map(SimDevice::id).toArray()));
                d.setArray(2, c.createArrayOf("text", devices.stream().map(x -> x.kind().model()).toArray()));
                d.setArray(3, c.createArrayOf("text", devices.stream().map(x -> x.kind().server().source()).toArray()));
                d.executeUpdate();
                a.setString(1, from.toString());
                a.setArray(2, c.createArrayOf("text", devices.stream().map(SimDevice::id).toArray()));
                a.setArray(3, c.createArrayOf("text", devices.stream().map(x -> x.bin().id()).toArray()));
                int assigned = a.executeUpdate();
                c.commit();
                return assigned;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
