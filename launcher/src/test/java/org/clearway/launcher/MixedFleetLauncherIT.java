package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The one-command run with {@code --fleet mixed}: ingest reads the contract, ChirpStack and The Things Stack (shown in
 * /health), the simulator registers its LoRaWAN devices on their bins, and their readings arrive through the network
 * servers' topics next to the contract's, counted by source; and dispatch decides on them too: ingest relays each
 * stored LoRaWAN reading on {@code bins/{binId}/decoded}, and dispatch's decision state of the LoRaWAN bins follows
 * their newest reading (before the relay, dispatch never saw them: their bin_decisions rows stayed empty).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MixedFleetLauncherIT {
    @Test
    void theMixedFleetsReadingsArriveThroughEverySource() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (TestSchema schema = TestSchema.create("mixedlauncher")) {
            Map<String, String> env = new HashMap<>();
            env.put("CLEARWAY_DB_URL", schema.jdbcUrl());
            env.put("CLEARWAY_DB_USER", schema.endpoint().user());
            env.put("CLEARWAY_DB_PASSWORD", schema.endpoint().password() == null ? "" : schema.endpoint().password());
            env.put("CLEARWAY_MQTT_URL", TestInfrastructure.broker().serverUri());
            env.put("CLEARWAY_TOPIC_PREFIX", "mixed-" + tag + "/");
            env.put("CLEARWAY_INGEST_CLIENT_ID", "mixed-ingest-" + tag);
            env.put("CLEARWAY_INGEST_SHARE_GROUP", "mixed-" + tag);
            env.put("CLEARWAY_DISPATCH_CLIENT_ID", "mixed-dispatch-" + tag);
            env.put("CLEARWAY_DISPATCH_SHARE_GROUP", "mixed-dispatch-" + tag);
            ClearwayLauncher launcher = new ClearwayLauncher();
            new CommandLine(launcher).parseArgs("--fleet", "mixed", "--no-trucks", "--bins", "40", "--speed", "60",
                    "--rate", "500", "--http-port", "0", "--api-port", "0", "--dispatch-port", "0");
            try (ClearwayLauncher.RunningSystem system = launcher.start(env)) {
                long deadline = System.nanoTime() + 90_000_000_000L;
                long chirpstack = 0;
                long tts = 0;
                long contract = 0;
                while ((chirpstack == 0 || tts == 0 || contract == 0) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    chirpstack = fromDevicesOf(schema, "chirpstack");
                    tts = fromDevicesOf(schema, "tts");
                    contract = count(schema, "SELECT count(*) FROM readings r WHERE NOT EXISTS (SELECT 1 FROM "
                            + "device_assignments a WHERE a.bin_id = r.bin_id)");
                }
                assertThat(chirpstack).as("readings through ChirpStack").isPositive();
                assertThat(tts).as("readings through The Things Stack").isPositive();
                assertThat(contract).as("the contract's readings").isPositive();
                assertThat(count(schema, "SELECT count(*) FROM rejected_messages WHERE reason IN "
                        + "('unknown_device', 'undecodable', 'bad_topic')")).isZero();
                HttpResponse<String> health = get(system.httpPort(), "/health");
                assertThat(health.body()).contains("\"source.contract\":\"UP\"", "\"source.chirpstack\":\"UP\"",
                        "\"source.tts\":\"UP\"");
                String metrics = get(system.httpPort(), "/metrics").body();
                assertThat(metrics).contains("source=\"chirpstack\"", "source=\"tts\"", "source=\"contract\"");

                long decidedChirpstack = 0;
                long decidedTts = 0;
                while ((decidedChirpstack == 0 || decidedTts == 0) && System.nanoTime() < deadline + 60_000_000_000L) {
                    Thread.sleep(250);
                    decidedChirpstack = decidedOn(schema, "chirpstack");
                    decidedTts = decidedOn(schema, "tts");
                }
                assertThat(decidedChirpstack).as("ChirpStack bins dispatch decided on").isPositive();
                assertThat(decidedTts).as("The Things Stack bins dispatch decided on").isPositive();
                assertThat(get(system.httpPort(), "/metrics").body())
                        .containsPattern("clearway_ingest_relay_readings_total\\{result=\"published\"[^}]*} [1-9]");
                assertThat(count(schema, "SELECT count(*) FROM rejected_messages WHERE topic LIKE '%/decoded'"))
                        .as("ingest takes its own relay back from bins/# and stores nothing of it").isZero();

                // adaptive reporting is on for a mixed fleet: the leader's chore (every 10 city minutes) asks the
                // ChirpStack and The Things Stack devices for their intervals, and the broker acknowledged the downlinks
                long downlinks = 0;
                while (downlinks == 0 && System.nanoTime() < deadline + 120_000_000_000L) {
                    Thread.sleep(250);
                    downlinks = count(schema, "SELECT count(DISTINCT source) FROM device_reporting");
                }
                assertThat(count(schema, "SELECT count(*) FROM device_reporting")).as("interval downlinks sent")
                        .isPositive();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long fromDevicesOf(TestSchema schema, String source) throws Exception {
        return count(schema, "SELECT count(*) FROM readings r JOIN device_assignments a ON a.bin_id = r.bin_id "
                + "JOIN devices d ON d.id = a.device_id WHERE d.source = '" + source + "'");
    }

    /** LoRaWAN bins of {@code source} whose decision state dispatch updated from one of their stored readings. */
    private static long decidedOn(TestSchema schema, String source) throws Exception {
        return count(schema, "SELECT count(DISTINCT b.bin_id) FROM bin_decisions b JOIN device_assignments a ON "
                + "a.bin_id = b.bin_id JOIN devices d ON d.id = a.device_id WHERE d.source = '" + source + "' AND "
                + "EXISTS (SELECT 1 FROM readings r WHERE r.bin_id = b.bin_id AND r.measured_at = b.last_reading_at)");
    }

    private static long count(TestSchema schema, String sql) throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
