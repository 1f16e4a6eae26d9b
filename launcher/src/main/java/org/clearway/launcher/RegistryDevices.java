package org.clearway.launcher;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
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
 * device revoked or retired, is refused at its next connect and its open session closed.
 */
final class RegistryDevices implements DeviceLogins, DeviceCertificates, AutoCloseable {
    static final long POLL_MILLIS = 1_000;
    static final String PASSWORDS = """
            SELECT c.bin_id, c.password_hash FROM device_credentials c JOIN bins b ON b.id = c.bin_id
             WHERE b.retired_at IS NULL AND c.revoked_at IS NULL AND c.password_hash IS NOT NULL""";
    /** The device certificates in force: issued through the API, not revoked (nor their device), the bin in service. */
    static final String CERTIFICATES = """
            SELECT d.bin_id, d.serial FROM device_certificates d JOIN bins b ON b.id = d.bin_id
              LEFT JOIN device_credentials c ON c.bin_id = d.bin_id
             WHERE b.retired_at IS NULL AND d.revoked_at IS NULL AND c.revoked_at IS NULL""";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryDevices.class);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private volatile Map<String, String> hashes = Map.of();
    /** Bin id and serial (lower-case hex, as the API stores it) of each certificate in force. */
    private volatile Set<String> certificates = Set.of();
    private ScheduledExecutorService poller;

    RegistryDevices(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    @Override
    public boolean accepts(String username, byte[] given) {
        String hash = hashes.get(username);
        return hash != null && MosquittoPassword.matches(hash, new String(given, StandardCharsets.UTF_8));
    }

    @Override
    public boolean accepts(String binId, BigInteger serial) {
        return certificates.contains(key(binId, serial.toString(16)));
    }

    private static String key(String binId, String serial) {
        return binId + "\n" + serial;
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

    /** One read of the registry; the devices whose password changed or went away lose their session. */
    void poll(EmbeddedBroker broker) {
        Map<String, String> now;
        Set<String> certificatesNow;
        try {
            now = read();
            certificatesNow = readCertificates();
        } catch (SQLException e) {
            // The table appears with the migrations, which ingest applies at its start.
            LOG.debug("Device credentials not readable yet: {}", e.getMessage());
            return;
        }
        Map<String, String> before = hashes;
        hashes = now;
        Set<String> lostAccess = new HashSet<>();
        before.forEach((bin, hash) -> {
            if (!Objects.equals(hash, now.get(bin))) {
                lostAccess.add(bin);
            }
        });
        Set<String> certificatesBefore = certificates;
        certificates = certificatesNow;
        for (String lost : certificatesBefore) {
            if (!certificatesNow.contains(lost)) {
                lostAccess.add(lost.substring(0, lost.indexOf('\n')));
            }
        }
        for (String bin : lostAccess) {
            try {
                if (broker.closeSession(bin)) {
                    LOG.info("Closed the MQTT session of {}: its password was rotated or revoked, or a certificate revoked", bin);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not close the MQTT session of {}", bin, e);
            }
        }
    }

    private Map<String, String> read() throws SQLException {
        Map<String, String> read = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement ps = c.prepareStatement(PASSWORDS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                read.put(rs.getString(1), rs.getString(2));
            }
        }
        return Map.copyOf(read);
    }

    private Set<String> readCertificates() throws SQLException {
        Set<String> read = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement ps = c.prepareStatement(CERTIFICATES);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                read.add(key(rs.getString(1), rs.getString(2)));
            }
        }
        return Set.copyOf(read);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
