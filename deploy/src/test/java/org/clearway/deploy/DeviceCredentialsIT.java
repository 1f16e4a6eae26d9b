package org.clearway.deploy;

import org.clearway.core.credentials.MosquittoPassword;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
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
import picocli.CommandLine;

/**
 * DeviceCredentials against a real bin registry, and its files on a real Mosquitto: the devices in
 * service connect with their generated password and publish to their own topic only, a wrong
 * password and a retired bin are refused, and a second run keeps the existing devices' entries.
 */
class DeviceCredentialsIT {
    private static final String PREFIX = "city-a/";
    private static final String INGEST_PASSWORD = "ingest-secret";
    private static TestSchema schema;

    @BeforeAll
    static void createRegistry() throws SQLException {
        schema = TestSchema.create("devices");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        execute("""
                INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1');
                INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon, retired_at) VALUES
                    ('bin-a', 'd1', 'kitchen', 240, 1000, 31.2, 121.4, NULL),
                    ('bin-b', 'd1', 'recyclable', 240, 1000, 31.3, 121.5, NULL),
                    ('bin-old', 'd1', 'residual', 240, 1000, 31.4, 121.6, now() - interval '1 day');
                """);
    }

    @AfterAll
    static void dropRegistry() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void generatesCredentialsThatMosquittoAcceptsAndKeepsThemOnTheNextRun(@TempDir Path directory) throws Exception {
        Path out = directory.resolve("devices");
        Run first = run("--out", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        CredentialFiles files = new CredentialFiles(out);
        Map<String, String> passwords = passwordsFromCsv(files.csvFile());
        assertThat(passwords).containsOnlyKeys("bin-a", "bin-b");
        List<String> passwordLines = Files.readAllLines(files.passwordFile());
        assertThat(passwordLines).hasSize(2).allMatch(l -> l.matches("bin-[ab]:\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}=="));
        assertThat(Files.readAllLines(files.aclFile())).containsSubsequence("user bin-a",
                "topic write city-a/bins/bin-a/telemetry", "", "user bin-b", "topic write city-a/bins/bin-b/telemetry");
        for (Path file : List.of(files.passwordFile(), files.aclFile(), files.csvFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(first.err()).contains("2 devices", "2 new", "0 revoked");

        if (LocalMosquitto.binary().isPresent()) {
            try (LocalMosquitto broker = startBroker(directory.resolve("broker-1"), files)) {
                assertThat(MqttProbe.connectReasonCode(broker.uri(), "bin-a", "bin-a", passwords.get("bin-a"))).isZero();
                assertThat(MqttProbe.connectReasonCode(broker.uri(), "bin-a", "bin-a", passwords.get("bin-b")))
                        .as("a wrong password").isNotZero();
                assertThat(MqttProbe.connectReasonCode(broker.uri(), "bin-old", "bin-old", passwords.get("bin-a")))
                        .as("a retired bin").isNotZero();
                try (MqttProbe ingest = MqttProbe.connect(broker.uri(), "clearway-ingest-0", "clearway-ingest", INGEST_PASSWORD);
                     MqttProbe sensor = MqttProbe.connect(broker.uri(), "bin-b", "bin-b", passwords.get("bin-b"))) {
                    assertThat(ingest.subscribe("$share/clearway-ingest/" + PREFIX + "bins/#")).isEqualTo(1);
                    assertThat(sensor.publish(PREFIX + "bins/bin-a/telemetry", "{\"fill\":99}")).isEqualTo(0x87);
                    assertThat(sensor.publish("bins/bin-b/telemetry", "{\"fill\":98}")).as("without the prefix").isEqualTo(0x87);
                    assertThat(sensor.publish(PREFIX + "bins/bin-b/telemetry", "{\"fill\":12}")).isZero();
                    assertThat(ingest.next(5, TimeUnit.SECONDS))
                            .isEqualTo(new MqttProbe.Received(PREFIX + "bins/bin-b/telemetry", "{\"fill\":12}"));
                    assertThat(ingest.next(300, TimeUnit.MILLISECONDS)).isNull();
                    assertThat(sensor.publish(PREFIX + "bins/bin-b/decoded", "{\"fill\":97}"))
                            .as("a sensor may not forge ingest's relay of decoded readings").isEqualTo(0x87);
                    assertThat(ingest.publish(PREFIX + "bins/bin-b/decoded", "{\"fill\":13}"))
                            .as("ingest relays decoded readings").isZero();
                    assertThat(ingest.next(5, TimeUnit.SECONDS))
                            .isEqualTo(new MqttProbe.Received(PREFIX + "bins/bin-b/decoded", "{\"fill\":13}"));
                    assertThat(ingest.next(300, TimeUnit.MILLISECONDS)).as("the sensor's forgery").isNull();
                }
            }
        }

        // The CSV is the only copy of the passwords: a second run that would issue new ones refuses to replace it.
        execute("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES ('bin-c', 'd1', 'hazardous', 120, 800, 31.5, 121.7)");
        Run refused = run("--out", out.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("credentials.csv from an earlier run is still there");
        assertThat(Files.readAllLines(files.passwordFile())).isEqualTo(passwordLines);

        Files.move(files.csvFile(), directory.resolve("provisioned.csv"));
        execute("UPDATE bins SET retired_at = now() WHERE id = 'bin-b'");
        Run second = run("--out", out.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("2 devices", "1 kept", "1 new", "1 revoked");
        Map<String, String> newPasswords = passwordsFromCsv(files.csvFile());
        assertThat(newPasswords).containsOnlyKeys("bin-c");
        assertThat(Files.readAllLines(files.passwordFile())).hasSize(2)
                .contains(passwordLines.stream().filter(l -> l.startsWith("bin-a:")).findFirst().orElseThrow())
                .noneMatch(l -> l.startsWith("bin-b:"));

        if (LocalMosquitto.binary().isPresent()) {
            try (LocalMosquitto broker = startBroker(directory.resolve("broker-2"), files)) {
                assertThat(MqttProbe.connectReasonCode(broker.uri(), "bin-a", "bin-a", passwords.get("bin-a")))
                        .as("bin-a keeps its password").isZero();
                assertThat(MqttProbe.connectReasonCode(broker.uri(), "bin-c", "bin-c", newPasswords.get("bin-c"))).isZero();
                assertThat(MqttProbe.connectReasonCode(broker.uri(), "bin-b", "bin-b", passwords.get("bin-b")))
                        .as("bin-b was retired").isNotZero();
            }
        }
        execute("DELETE FROM bins WHERE id = 'bin-c'; UPDATE bins SET retired_at = NULL WHERE id = 'bin-b'");
    }

    /** The broker with the generated files, the ingest user's entry and ACL block in front of them. */
    private static LocalMosquitto startBroker(Path directory, CredentialFiles files) throws Exception {
        Files.createDirectories(directory);
        List<String> passwords = new ArrayList<>();
        passwords.add("clearway-ingest:" + MosquittoPassword.hash(INGEST_PASSWORD, 1_000));
        passwords.addAll(Files.readAllLines(files.passwordFile()));
        Path passwordFile = Files.write(directory.resolve("password_file"), passwords);
        List<String> acl = new ArrayList<>(ServiceAcl.ingest("clearway-ingest", "clearway-ingest", PREFIX));
        acl.addAll(Files.readAllLines(files.aclFile()));
        Path aclFile = Files.write(directory.resolve("acl_file"), acl);
        return LocalMosquitto.start(directory, List.of("allow_anonymous false", "password_file " + passwordFile,
                "acl_file " + aclFile, "persistence false", "log_dest stdout"));
    }

    private static Map<String, String> passwordsFromCsv(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("bin_id,username,client_id,password,topic");
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            assertThat(fields).hasSize(5);
            assertThat(fields[1]).isEqualTo(fields[0]);
            assertThat(fields[2]).isEqualTo(fields[0]);
            assertThat(fields[3]).matches("[A-Za-z0-9_-]{24}");
            assertThat(fields[4]).isEqualTo(PREFIX + "bins/" + fields[0] + "/telemetry");
            passwords.put(fields[0], fields[3]);
        }
        return passwords;
    }

    private record Run(int exitCode, String err) {
    }

    private static Run run(String... args) {
        DatabaseEndpoint db = schema.endpoint();
        List<String> all = new ArrayList<>(List.of("--db-url", db.jdbcUrl(), "--db-user", db.user(),
                "--db-password", db.password(), "--topic-prefix", PREFIX));
        all.addAll(List.of(args));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter picocliErr = new StringWriter();
        CommandLine cl = DeviceCredentials.commandLine(new DeviceCredentials(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        cl.setErr(new PrintWriter(picocliErr, true));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8) + picocliErr);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
