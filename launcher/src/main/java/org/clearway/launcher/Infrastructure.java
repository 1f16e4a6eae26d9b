package org.clearway.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.clearway.embedded.BrokerAccounts;
import org.clearway.embedded.EmbeddedBroker;
import org.clearway.embedded.EmbeddedDatabase;

/**
 * The database and broker the launcher runs against: external ones when given, embedded otherwise. The embedded
 * broker lets in one account, made for this run with a random password, which the services, the simulator and its
 * trucks share: it owns the client ids that start with {@value #CLIENT_ID_PREFIX}, and nobody else may use them.
 * They reach it over its TLS listener, verifying its certificate against the local CA (issue 17): the password never
 * travels in clear, even on the loopback; the plain listener stays on 127.0.0.1 for local tools and tests.
 *
 * @param mqttCaFile the CA file the services verify the broker with ({@code CLEARWAY_MQTT_CA_FILE}), empty for none
 * @param trustInstructions how to trust the local CA, for the banner; empty with an external broker
 * @param drivers how the driver app reaches the broker (issue 15)
 * @param deviceCa the device CA the embedded broker trusts for client certificates and the API signs them with
 */
record Infrastructure(String jdbcUrl, String dbUser, String dbPassword, String mqttUrl, boolean embeddedDatabase,
                      boolean embeddedBroker, String mqttUser, String mqttPassword, String mqttCaFile,
                      String plainMqttUrl, String trustInstructions, Drivers drivers, DeviceCa deviceCa) {
    static final String DATABASE = "clearway";
    static final String MQTT_USER = "clearway-launcher";
    /** The client ids of the launcher's parts (ingest, dispatch and its -out, the simulator, the trucks) and the soak's. */
    static final String CLIENT_ID_PREFIX = "clearway-";
    static final String SOAK_CLIENT_ID_PREFIX = "soak-";
    /** The embedded broker's MQTT-over-WebSockets ports, plain and over TLS (issue 15's driver app, issue 17). */
    static final int WS_PORT = 11884;
    static final int WSS_PORT = 18884;

    /**
     * How the driver app reaches the broker: its WebSocket URL, and, on the embedded broker, the truck accounts made
     * for this run (every truck of the fleet file, one password for them all, printed in the banner); null fields
     * when the broker is external (the city's own accounts, {@code CLEARWAY_DRIVER_MQTT_URL}).
     */
    /**
     * The driver app's broker, the run's truck password and trucks, and the embedded broker's plain WebSockets listener
     * on the loopback (null without it): a browser on this machine may use it without trusting the run's CA.
     */
    record Drivers(String webSocketUrl, String truckPassword, List<String> trucks, String loopbackWebSocketUrl) {
    }

    /**
     * The device CA's PEM files (issue 17): given ({@code CLEARWAY_DEVICE_CA_CERT}, {@code CLEARWAY_DEVICE_CA_KEY}),
     * else, with the embedded broker, the local one made in {@code <data>/tls/} on the first start; empty strings
     * with an external broker and none given.
     */
    record DeviceCa(String certificate, String key, boolean local) {
    }

    static Infrastructure start(Path dataDir, String dbUrl, int dbPort, String mqttUrl, int mqttPort,
                                int mqttTlsPort, org.clearway.core.config.Env env, List<AutoCloseable> running)
            throws IOException, SQLException {
        // Absolute: the embedded HiveMQ resolves a relative key store path against its own home, not the working
        // directory (the default --data-dir is "data": the TLS listener found no server.p12 and the run did not start).
        dataDir = dataDir.toAbsolutePath().normalize();
        String jdbc = dbUrl;
        String user = env.string("CLEARWAY_DB_USER", "postgres");
        String password = env.string("CLEARWAY_DB_PASSWORD", "");
        if (jdbc == null) {
            System.out.println("Starting the embedded PostgreSQL (data in " + dataDir.resolve("postgres") + ") ...");
            EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), dbPort);
            running.add(db);
            db.ensureDatabase(DATABASE);
            jdbc = db.jdbcUrl(DATABASE);
            user = db.user();
            password = db.password();
        }
        String mqtt = mqttUrl;
        Drivers drivers = new Drivers(env.string("CLEARWAY_DRIVER_MQTT_URL", ""), null, List.of(), null);
        String mqttUser = env.string("CLEARWAY_MQTT_USERNAME", "");
        String mqttPassword = env.string("CLEARWAY_MQTT_PASSWORD", "");
        String caFile = env.string("CLEARWAY_MQTT_CA_FILE", "");
        String plain = "";
        String trust = "";
        DeviceCa deviceCa = new DeviceCa(env.string("CLEARWAY_DEVICE_CA_CERT", ""),
                env.string("CLEARWAY_DEVICE_CA_KEY", ""), false);
        if (mqtt == null) {
            System.out.println("Starting the embedded MQTT broker (data in " + dataDir.resolve("broker") + ") ...");
            mqttUser = MQTT_USER;
            mqttPassword = randomPassword();
            List<String> prefixes = new ArrayList<>(List.of(CLIENT_ID_PREFIX, SOAK_CLIENT_ID_PREFIX));
            for (String configured : List.of("CLEARWAY_INGEST_CLIENT_ID", "CLEARWAY_DISPATCH_CLIENT_ID")) {
                String id = env.string(configured, "");
                if (!id.isBlank()) {
                    prefixes.add(id);
                }
            }
            // Issue 17: MQTT over TLS too (port 18883), with a local CA made on the first start and kept in the data folder.
            org.clearway.embedded.LocalCa ca = org.clearway.embedded.LocalCa.ensure(dataDir.resolve("tls"));
            if (deviceCa.certificate().isBlank()) {
                // TLS on by default with device certificates too: a device CA of the run's own, kept beside the CA.
                org.clearway.embedded.LocalCa.DeviceCaFiles files = ca.ensureDeviceCa();
                deviceCa = new DeviceCa(files.certificate().toAbsolutePath().toString(),
                        files.key().toAbsolutePath().toString(), true);
            }
            // Issue 15: each truck of the fleet may sign in (the driver app) with its own id and this run's password.
            String truckPassword = randomPassword();
            List<String> trucks = fleetTrucks(env).stream()
                    .filter(t -> prefixes.stream().noneMatch(t::startsWith) && !t.equals(MQTT_USER)).toList();
            Map<String, String> truckAccounts = new java.util.LinkedHashMap<>();
            trucks.forEach(t -> truckAccounts.put(t, truckPassword));
            // Issue 17: bin sensors with a password issued through the API connect too; a revoked one is thrown off.
            RegistryDevices registry = new RegistryDevices(jdbc, user, password);
            EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("broker"), mqttPort, BrokerAccounts.of(
                    List.of(new BrokerAccounts.Service(mqttUser, mqttPassword, prefixes)), truckAccounts)
                            .withRegistry(registry).withCertificates(registry)
                            .withTrucks(id -> truckAccounts.containsKey(id) || registry.isTruck(id)),
                    ca, mqttTlsPort, mqttPort == 0 ? EmbeddedBroker.WebSockets.anyPorts()
                            : new EmbeddedBroker.WebSockets(WS_PORT, WSS_PORT), Path.of(deviceCa.certificate()));
            running.add(broker);
            registry.start(broker);
            running.add(registry);
            mqtt = broker.tlsServerUri();
            plain = broker.serverUri();
            caFile = ca.caCertificate().toAbsolutePath().toString();
            trust = ca.trustInstructions();
            // The driver app over WebSockets over TLS (the truck's password never in clear): wss://localhost:18884/mqtt.
            String ws = drivers.webSocketUrl().isBlank() ? broker.tlsWebSocketUri() : drivers.webSocketUrl();
            drivers = new Drivers(ws, truckPassword, trucks, broker.webSocketUri());
        }
        return new Infrastructure(jdbc, user, password, mqtt, dbUrl == null, mqttUrl == null, mqttUser, mqttPassword,
                caFile, plain, trust, drivers, deviceCa);
    }

    /** The truck ids of the fleet dispatch will store: {@code CLEARWAY_DISPATCH_FLEET_FILE}, else the demonstration's. */
    private static List<String> fleetTrucks(org.clearway.core.config.Env env) throws IOException {
        String file = env.string("CLEARWAY_DISPATCH_FLEET_FILE", "");
        org.clearway.dispatch.fleet.Fleet fleet = file.isBlank() ? org.clearway.dispatch.fleet.FleetFile.demo()
                : org.clearway.dispatch.fleet.FleetFile.read(Path.of(file));
        return fleet.trucks().stream().map(org.clearway.dispatch.fleet.Truck::id).toList();
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The database as a libpq URL, for psql. */
    String psqlUrl() {
        String rest = jdbcUrl.substring("jdbc:".length());
        return rest.replaceFirst("^postgresql://", "postgresql://" + dbUser + "@");
    }
}
