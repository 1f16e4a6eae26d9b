package org.clearway.deploy;

import org.clearway.core.credentials.MosquittoPassword;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clearway.core.db.Migrations;
import org.clearway.testsupport.DatabaseEndpoint;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truck and service credentials from a real registry on this machine's Mosquitto: each truck publishes its own
 * position and updates and reads its own route and replies, and nothing of another truck's; a sensor publishes
 * nothing under trucks/; dispatch reads the trucks' updates through its shared subscription and publishes routes,
 * replies and jobs; ingest reads telemetry only. A retired truck has no credentials.
 */
class TruckCredentialsIT {
    private static final String PREFIX = "city-t/";
    private static final Map<String, String> SERVICES = Map.of("clearway-ingest", "ingest-secret",
            "clearway-dispatch", "dispatch-secret", "clearway-api", "api-secret");
    private static TestSchema schema;
    private static LocalMosquitto broker;
    private static Map<String, String> truckPasswords;
    private static Map<String, String> binPasswords;

    @BeforeAll
    static void generateAndStart(@TempDir Path directory) throws Exception {
        schema = TestSchema.create("trucks");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1');
                    INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES
                        ('bin-a', 'd1', 'kitchen', 240, 1000, 31.2, 121.4);
                    INSERT INTO facilities (id, kind, name, lat, lon) VALUES ('depot', 'depot', 'Depot', 31.2, 121.4);
                    INSERT INTO trucks (id, depot_id, streams, capacity_volume_l, capacity_weight_kg, shift_start, shift_end, status) VALUES
                        ('truck-1', 'depot', '{kitchen}', 8000, 4000, '06:00', '14:00', 'active'),
                        ('truck-2', 'depot', '{kitchen}', 8000, 4000, '06:00', '14:00', 'maintenance'),
                        ('truck-old', 'depot', '{kitchen}', 8000, 4000, '06:00', '14:00', 'retired');
                    """);
        }
        Path out = directory.resolve("devices");
        DatabaseEndpoint db = schema.endpoint();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DeviceCredentials.commandLine(new DeviceCredentials(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute("--db-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
                        "--topic-prefix", PREFIX, "--out", out.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("3 devices (1 bins, 2 trucks)", "3 new");
        CredentialFiles files = new CredentialFiles(out);
        truckPasswords = passwords(files.truckCsvFile(), 6);
        binPasswords = passwords(files.csvFile(), 5);
        assertThat(truckPasswords).containsOnlyKeys("truck-1", "truck-2");
        assertThat(binPasswords).containsOnlyKeys("bin-a");
        assertThat(Files.readAllLines(files.truckCsvFile())).contains("truck-1,truck-1,truck-1," + truckPasswords.get("truck-1")
                + ",city-t/trucks/truck-1/position city-t/trucks/truck-1/updates,city-t/trucks/truck-1/route city-t/trucks/truck-1/replies");
        assertThat(Files.readAllLines(files.aclFile())).containsSubsequence("user clearway-ingest",
                "topic read $share/clearway-ingest/city-t/bins/#", "user clearway-dispatch",
                "topic read $share/clearway-dispatch/city-t/trucks/+/updates", "topic write city-t/trucks/+/route",
                "user bin-a", "topic write city-t/bins/bin-a/telemetry", "user truck-1", "topic write city-t/trucks/truck-1/position",
                "topic write city-t/trucks/truck-1/updates", "topic read city-t/trucks/truck-1/route",
                "topic read city-t/trucks/truck-1/replies");

        if (LocalMosquitto.binary().isEmpty()) {
            return;
        }
        Path brokerDir = Files.createDirectories(directory.resolve("broker"));
        List<String> passwordLines = new ArrayList<>();
        SERVICES.forEach((user, password) -> passwordLines.add(user + ":" + MosquittoPassword.hash(password, 1_000)));
        passwordLines.addAll(Files.readAllLines(files.passwordFile()));
        Path passwordFile = Files.write(brokerDir.resolve("password_file"), passwordLines);
        broker = LocalMosquitto.start(brokerDir, List.of("allow_anonymous false", "password_file " + passwordFile,
                "acl_file " + files.aclFile(), "persistence false", "log_dest stdout"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void onlyTrucksInServiceConnect() {
        assumeTrue(broker != null, "no mosquitto binary on this machine");
        assertThat(MqttProbe.connectReasonCode(broker.uri(), "truck-1", "truck-1", truckPasswords.get("truck-1"))).isZero();
        assertThat(MqttProbe.connectReasonCode(broker.uri(), "truck-2", "truck-2", truckPasswords.get("truck-2")))
                .as("a truck in maintenance keeps its credentials").isZero();
        assertThat(MqttProbe.connectReasonCode(broker.uri(), "truck-old", "truck-old", truckPasswords.get("truck-1")))
                .as("a retired truck").isNotZero();
    }

    @Test
    void aTruckPublishesOnItsOwnTopicsOnlyAndDispatchGetsThem() throws Exception {
        assumeTrue(broker != null, "no mosquitto binary on this machine");
        try (MqttProbe dispatch = service("clearway-dispatch");
             MqttProbe truck = MqttProbe.connect(broker.uri(), "truck-1", "truck-1", truckPasswords.get("truck-1"))) {
            assertThat(dispatch.subscribe("$share/clearway-dispatch/" + PREFIX + "trucks/+/updates")).isEqualTo(1);
            assertThat(dispatch.subscribe("$share/clearway-dispatch/" + PREFIX + "trucks/+/position")).isEqualTo(1);
            assertThat(truck.publish(PREFIX + "trucks/truck-2/updates", "{\"as\":\"truck-2\"}")).isEqualTo(0x87);
            assertThat(truck.publish(PREFIX + "trucks/truck-2/position", "{\"as\":\"truck-2\"}")).isEqualTo(0x87);
            assertThat(truck.publish(PREFIX + "trucks/truck-1/route", "{\"forged\":true}")).as("its own route").isEqualTo(0x87);
            assertThat(truck.publish(PREFIX + "trucks/truck-1/replies", "{\"forged\":true}")).isEqualTo(0x87);
            assertThat(truck.publish(PREFIX + "bins/bin-a/telemetry", "{\"fill\":1}")).isEqualTo(0x87);
            assertThat(truck.publish(PREFIX + "dispatch/jobs/1", "{}")).isEqualTo(0x87);
            assertThat(truck.publish(PREFIX + "trucks/truck-1/updates", "{\"n\":1}")).isZero();
            assertThat(truck.publish(PREFIX + "trucks/truck-1/position", "{\"n\":2}")).isZero();
            // Published in order by one client: had a denied message got through, it would come first.
            assertThat(dispatch.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received(PREFIX + "trucks/truck-1/updates", "{\"n\":1}"));
            assertThat(dispatch.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received(PREFIX + "trucks/truck-1/position", "{\"n\":2}"));
            assertThat(dispatch.next(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aTruckReadsItsOwnRouteAndRepliesOnly() throws Exception {
        assumeTrue(broker != null, "no mosquitto binary on this machine");
        try (MqttProbe dispatch = service("clearway-dispatch")) {
            // 0x10: accepted, no matching subscribers (the broker keeps it as retained).
            assertThat(dispatch.publish(PREFIX + "trucks/truck-2/route", "{\"route\":2}", true)).isIn(0, 0x10);
            assertThat(dispatch.publish(PREFIX + "trucks/truck-1/route", "{\"route\":1}", true)).isIn(0, 0x10);
        }
        try (MqttProbe dispatch = service("clearway-dispatch");
             MqttProbe truck = MqttProbe.connect(broker.uri(), "truck-1", "truck-1", truckPasswords.get("truck-1"))) {
            truck.subscribe(PREFIX + "trucks/truck-2/route");
            truck.subscribe(PREFIX + "trucks/truck-2/replies");
            truck.subscribe(PREFIX + "trucks/+/route");
            // Mosquitto 2.0 grants a subscription and applies the read ACL to each message it would deliver.
            assertThat(truck.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received(PREFIX + "trucks/truck-1/route", "{\"route\":1}"));
            assertThat(truck.subscribe(PREFIX + "trucks/truck-1/replies")).isEqualTo(1);
            assertThat(dispatch.publish(PREFIX + "trucks/truck-2/replies", "{\"to\":2}")).isIn(0, 0x10);
            assertThat(dispatch.publish(PREFIX + "trucks/truck-1/replies", "{\"to\":1}")).isZero();
            assertThat(truck.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received(PREFIX + "trucks/truck-1/replies", "{\"to\":1}"));
            assertThat(truck.next(300, TimeUnit.MILLISECONDS)).as("nothing of truck-2's").isNull();
        }
    }

    @Test
    void aSensorPublishesNothingUnderTrucksAndServicesKeepToTheirTopics() throws Exception {
        assumeTrue(broker != null, "no mosquitto binary on this machine");
        try (MqttProbe dispatch = service("clearway-dispatch");
             MqttProbe ingest = service("clearway-ingest");
             MqttProbe api = service("clearway-api");
             MqttProbe sensor = MqttProbe.connect(broker.uri(), "bin-a", "bin-a", binPasswords.get("bin-a"))) {
            assertThat(dispatch.subscribe("$share/clearway-dispatch/" + PREFIX + "trucks/+/updates")).isEqualTo(1);
            assertThat(dispatch.subscribe("$share/clearway-dispatch/" + PREFIX + "bins/+/telemetry")).isEqualTo(1);
            assertThat(api.subscribe(PREFIX + "dispatch/jobs/#")).isEqualTo(1);
            assertThat(sensor.publish(PREFIX + "trucks/bin-a/updates", "{\"forged\":1}")).isEqualTo(0x87);
            assertThat(sensor.publish(PREFIX + "trucks/truck-1/updates", "{\"forged\":2}")).isEqualTo(0x87);
            assertThat(sensor.publish(PREFIX + "trucks/truck-1/position", "{\"forged\":3}")).isEqualTo(0x87);
            assertThat(ingest.publish(PREFIX + "trucks/truck-1/route", "{\"forged\":4}")).isEqualTo(0x87);
            assertThat(api.publish(PREFIX + "dispatch/jobs/9", "{\"forged\":5}")).isEqualTo(0x87);
            assertThat(dispatch.publish(PREFIX + "bins/bin-a/telemetry", "{\"forged\":6}")).isEqualTo(0x87);
            assertThat(sensor.publish(PREFIX + "bins/bin-a/telemetry", "{\"fill\":7}")).isZero();
            assertThat(dispatch.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received(PREFIX + "bins/bin-a/telemetry", "{\"fill\":7}"));
            assertThat(dispatch.next(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(dispatch.publish(PREFIX + "dispatch/jobs/42", "{\"jobId\":42}")).isZero();
            assertThat(api.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received(PREFIX + "dispatch/jobs/42", "{\"jobId\":42}"));
        }
    }

    private static MqttProbe service(String user) throws Exception {
        return MqttProbe.connect(broker.uri(), user + "-" + System.nanoTime(), user, SERVICES.get(user));
    }

    private static Map<String, String> passwords(Path csv, int fields) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f).hasSize(fields);
            passwords.put(f[0], f[3]);
        }
        return passwords;
    }
}
