package org.clearway.launcher;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.clearway.core.credentials.MosquittoPassword;
import org.clearway.embedded.DeviceCertificates;
import org.clearway.embedded.DeviceLogins;
import org.clearway.embedded.EmbeddedBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's device accounts from the registry (issue 17): the bin sensors' passwords that the API issued
 * (V18's {@code device_credentials}, bins in service), read again every {@value #POLL_MILLIS} ms. A device whose
 * password was rotated or revoked, or whose bin was retired, has its session closed at once through HiveMQ's
 * services ({@link EmbeddedBroker#closeSession}), and its next connect meets the new accounts. The same for the
 * devices' client certificates ({@code device_certificates}): one revoked (the API also lists it on the CRL), or its
 * device revoked or retired, is refused at its next connect and its open session closed. Trucks alike (V23's
 * {@code truck_credentials}, their certificates in {@code device_certificates}, trucks not retired); and which ids are
 * trucks, for their topics ({@link #isTruck}).
 */
final class RegistryDevices implements DeviceLogins, DeviceCertificates, AutoCloseable {
    static final long POLL_MILLIS = 1_000;
    static final String PASSWORDS = """
            SELECT c.bin_id, c.password_hash FROM device_credentials c JOIN bins b ON b.id = c.bin_id
             WHERE b.retired_at IS NULL AND c.revoked_at IS NULL AND c.password_hash IS NOT NULL
            UNION ALL
            SELECT c.truck_id, c.password_hash FROM truck_credentials c JOIN trucks t ON t.id = c.truck_id
             WHERE t.status <> 'retired' AND c.revoked_at IS NULL AND c.password_hash IS NOT NULL""";
    /** The certificates in force: issued through the API, not revoked (nor their device), the bin or truck in service. */
    static final String CERTIFICATES = """
            SELECT d.bin_id, d.serial FROM device_certificates d JOIN bins b ON b.id = d.bin_id
              LEFT JOIN device_credentials c ON c.bin_id = d.bin_id
             WHERE b.retired_at IS NULL AND d.revoked_at IS NULL AND c.revoked_at IS NULL
            UNION ALL
            SELECT d.truck_id, d.serial FROM device_certificates d JOIN trucks t ON t.id = d.truck_id
              LEFT JOIN truck_credentials c ON c.truck_id = d.truck_id
             WHERE t.status <> 'retired' AND d.revoked_at IS NULL AND c.revoked_at IS NULL""";
    /** The devices whose credentials the registry manages, whatever their state. */
    static final String MANAGED = "SELECT bin_id FROM device_credentials UNION ALL SELECT truck_id FROM truck_credentials";
    static final String TRUCKS = "SELECT id FROM trucks";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryDevices.class);

    /** One read of the registry. */
    private record Snapshot(Map<String, String> hashes, Set<String> certificates, Set<String> managed, Set<String> trucks) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Set.of(), Set.of(), Set.of());
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    /** Device id to password hash; certificates as device id and serial (lower-case hex, as the API stores it). */
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private ScheduledExecutorService poller;

    RegistryDevices(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    @Override
    public boolean accepts(String username, byte[] given) {
        String hash = snapshot.hashes().get(username);
        return hash != null && MosquittoPassword.matches(hash, new String(given, StandardCharsets.UTF_8));
    }

    @Override
    public boolean manages(String username) {
        return snapshot.managed().contains(username);
    }

    @Override
    public boolean accepts(String deviceId, BigInteger serial) {
        return snapshot.certificates().contains(key(deviceId, serial.toString(16)));
    }

    /** Whether {@code id} is a truck of the registry. */
    boolean isTruck(String id) {
        return snapshot.trucks().contains(id);
    }

    private static String key(String deviceId, String serial) {
        return deviceId + "\n" + serial;
    }

    /** Reads the registry now, then every {@value #POLL_MILLIS} ms, closing the sessions of devices that lost access. */
    synchronized void start(EmbeddedBroker broker) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registry-devices");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> poll(broker), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * One read of the registry; the devices whose password changed or went away, whose certificate was revoked, or
     * that the registry manages from now on (a fixed password no longer counts) lose their session.
     */
    void poll(EmbeddedBroker broker) {
        Snapshot now;
        try {
            now = read();
        } catch (SQLException e) {
            // The tables appear with the migrations, which ingest applies at its start.
            LOG.debug("Device credentials not readable yet: {}", e.getMessage());
            return;
        }
        Snapshot before = snapshot;
        snapshot = now;
        Set<String> lostAccess = new HashSet<>();
        before.hashes().forEach((device, hash) -> {
            if (!Objects.equals(hash, now.hashes().get(device))) {
                lostAccess.add(device);
            }
        });
        for (String lost : before.certificates()) {
            if (!now.certificates().contains(lost)) {
                lostAccess.add(lost.substring(0, lost.indexOf('\n')));
            }
        }
        for (String managed : now.managed()) {
            if (!before.managed().contains(managed) && before != Snapshot.EMPTY) {
                lostAccess.add(managed);
            }
        }
        for (String device : lostAccess) {
            try {
                if (broker.closeSession(device)) {
                    LOG.info("Closed the MQTT session of {}: its password was rotated or revoked, or a certificate revoked", device);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not close the MQTT session of {}", device, e);
            }
        }
    }

    private Snapshot read() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            Map<String, String> hashes = new HashMap<>();
            for (List<String> row : rows(c, PASSWORDS, 2)) {
                hashes.put(row.get(0), row.get(1));
            }
            Set<String> certificates = new HashSet<>();
            for (List<String> row : rows(c, CERTIFICATES, 2)) {
                certificates.add(key(row.get(0), row.get(1)));
            }
            Set<String> managed = new HashSet<>();
            rows(c, MANAGED, 1).forEach(row -> managed.add(row.getFirst()));
            Set<String> trucks = new HashSet<>();
            rows(c, TRUCKS, 1).forEach(row -> trucks.add(row.getFirst()));
            return new Snapshot(Map.copyOf(hashes), Set.copyOf(certificates), Set.copyOf(managed), Set.copyOf(trucks));
        }
    }

    private static List<List<String>> rows(Connection c, String sql, int columns) throws SQLException {
        List<List<String>> rows = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> row = new java.util.ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
