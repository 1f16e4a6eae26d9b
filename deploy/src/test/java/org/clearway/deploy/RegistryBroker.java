package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.clearway.core.credentials.MosquittoPassword;
import org.clearway.core.db.Migrations;
import org.clearway.testsupport.DatabaseEndpoint;
import org.clearway.testsupport.TestSchema;

/**
 * A registry and this machine's Mosquitto with the Compose configuration, as the credentials tests need them: a
 * migrated schema with the district {@code d1}, the broker's TLS files in a folder of its own, the services' password
 * file with ingest and the session closer, and the broker past its start (a SIGHUP before Mosquitto sets up its signal
 * handlers would end it). {@link #devicesCommand} gives DeviceCredentials' arguments that write into that folder and
 * reload the broker as start.sh does.
 */
final class RegistryBroker implements AutoCloseable {
    static final String CLOSER_PASSWORD = "closer-secret";
    private static final String INGEST_PASSWORD = "ingest-secret";

    private final Path directory;
    private final TestSchema schema;
    private final BrokerTls tls;
    private final LocalMosquitto broker;

    private RegistryBroker(Path directory, TestSchema schema, BrokerTls tls, LocalMosquitto broker) {
        this.directory = directory;
        this.schema = schema;
        this.tls = tls;
        this.broker = broker;
    }

    /** Starts both; {@code binsValues} is the VALUES list of the bins in district {@code d1}. */
    static RegistryBroker start(Path directory, String schemaName, String binsValues) throws Exception {
        TestSchema schema = TestSchema.create(schemaName);
        try {
            Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
            sql(schema, "INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1')");
            sql(schema, "INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES " + binsValues);
            BrokerTls tls = ComposeBrokerIT.writeAuthFiles(directory, Map.of("clearway-ingest", INGEST_PASSWORD));
            Files.write(directory.resolve("service_password_file"), List.of(
                    "clearway-ingest:" + MosquittoPassword.hash(INGEST_PASSWORD, 101),
                    "clearway-credentials:" + MosquittoPassword.hash(CLOSER_PASSWORD, 101)));
            LocalMosquitto broker = LocalMosquitto.start(directory, LocalMosquitto.adapt(
                    Files.readAllLines(DeployTree.resolve("mosquitto/compose/mosquitto.conf")), directory));
            RegistryBroker started = new RegistryBroker(directory, schema, tls, broker);
            assertThat(MqttProbe.connectReasonCode(broker.uri(ComposeBrokerIT.SERVICES), "clearway-ingest-1",
                    "clearway-ingest", INGEST_PASSWORD)).isZero();
            return started;
        } catch (Exception | AssertionError e) {
            schema.close();
            throw e;
        }
    }

    BrokerTls tls() {
        return tls;
    }

    LocalMosquitto broker() {
        return broker;
    }

    Path directory() {
        return directory;
    }

    /**
     * DeviceCredentials' arguments: the files into {@code devices/}, the CRL where the broker reads it, and as reload
     * command what start.sh does on SIGHUP (the broker's files from the generated ones, {@code extraStep} if any, then
     * the signal); sessions closed through the services' listener.
     */
    List<String> devicesCommand(String extraStep) {
        Path out = directory.resolve("devices");
        List<String> reload = new ArrayList<>(List.of(
                "cp " + out.resolve("password_file") + " " + directory.resolve("password_file"),
                "cat " + DeployTree.resolve("mosquitto/compose/acl_file") + " " + out.resolve("acl_file") + " > "
                        + directory.resolve("acl_file"),
                "cp " + out.resolve("acl_file") + " " + directory.resolve("certificate_acl_file")));
        if (extraStep != null) {
            reload.add(extraStep);
        }
        reload.add("kill -HUP " + broker.pid());
        DatabaseEndpoint db = schema.endpoint();
        return new ArrayList<>(List.of("--db-url", db.jdbcUrl(), "--db-user", db.user(),
                "--db-password", db.password() == null ? "" : db.password(), "--topic-prefix", "", "--out", out.toString(),
                "--crl-out", directory.resolve("crl.pem").toString(), "--reload-command", String.join(" && ", reload),
                "--close-sessions-url", broker.uri(ComposeBrokerIT.SERVICES), "--close-sessions-password", CLOSER_PASSWORD));
    }

    /** One statement on the registry; an {@link Instant} argument goes in as UTC. */
    void sql(String statement, Object... args) throws SQLException {
        sql(schema, statement, args);
    }

    /** Whether {@code condition} holds within {@code within}, asked every 50 ms. */
    static boolean await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            schema.close();
        }
    }

    private static void sql(TestSchema schema, String statement, Object... args) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : args[i]);
            }
            ps.execute();
        }
    }
}
