package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.simulator.Ledger;
import org.clearway.simulator.expect.ReadingKey;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.BinRegistry;
import org.clearway.simulator.devices.DeviceKind;
import org.clearway.simulator.devices.DeviceRegistry;
import org.clearway.simulator.devices.Fleet;
import org.clearway.simulator.publish.PublishOptions;
import org.clearway.simulator.publish.PublishSummary;
import org.clearway.simulator.publish.Publisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator's mixed fleet through the real broker into ingest reading all three MQTT sources: the contract's
 * sensors, and Milesight, Dragino and Decentlab devices behind ChirpStack and The Things Stack, their vendor frames in
 * the servers' JSON. Every valid reading the simulator sent is stored once (duplicates included) with the fill it
 * expected, readings of every kind arrive, and nothing is rejected.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MixedFleetIT {
    private static final int BINS = 120;
    private static final int PUBLICATIONS = 3_000;

    @Test
    void readingsOfEveryKindAreStoredOnceWithTheirFill() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CLEARWAY_INGEST_SOURCES", "contract,chirpstack,tts"));
        try (IngestHarness ingest = new IngestHarness("mixedfleet", Clock.systemUTC(), env)) {
            env.put("CLEARWAY_INGEST_CHIRPSTACK_TOPIC", ingest.prefix + "application/+/device/+/event/up");
            env.put("CLEARWAY_INGEST_CHIRPSTACK_STATUS_TOPIC", ingest.prefix + "application/+/device/+/event/status");
            env.put("CLEARWAY_INGEST_TTS_TOPIC", ingest.prefix + "v3/+/devices/+/up");
            ingest.start();
            Simulation sim = Simulation.builder().seed(20261207L).bins(BINS).topicPrefix(ingest.prefix).maxSpeed()
                    .start(Instant.now().minus(2, ChronoUnit.DAYS)).duplicateShare(0.05).fleet(Fleet.MIXED).build();
            BinRegistry.register(ingest.db(), sim.bins());
            assertThat(DeviceRegistry.register(ingest.db(), sim.devices(), sim.settings().start()))
                    .isEqualTo(sim.devices().size());
            assertThat(DeviceRegistry.register(ingest.db(), sim.devices(), sim.settings().start())).isZero();

            Ledger ledger = new Ledger();
            PublishSummary summary;
            try (PahoMqttSession session = new PahoMqttSession(MqttClientSettings.publisher(
                    new MqttConfig(ingest.brokerUri, "", "", ""), "sim-" + ingest.clientId, 200))) {
                session.start();
                summary = new Publisher(session, PublishOptions.defaults()).publish(sim.stream(PUBLICATIONS), ledger,
                        p -> System.out.println("mixed fleet: " + p.line()));
            }
            assertThat(summary.errors()).isZero();
            assertThat(ledger.duplicates()).isPositive();

            IngestHarness.await("every valid reading", Duration.ofSeconds(120),
                    () -> count(ingest, "SELECT count(*) FROM readings") == ledger.distinctValidReadings()
                            || count(ingest, "SELECT count(*) FROM rejected_messages") > 0);
            Thread.sleep(1_000); // nothing more arrives
            assertThat(ingest.count("SELECT count(*) FROM rejected_messages")).isZero();
            assertThat(ingest.count("SELECT count(*) FROM readings")).isEqualTo(ledger.distinctValidReadings());

            Map<ReadingKey, Double> stored = fills(ingest);
            for (ReadingKey key : ledger.validReadingKeys()) {
                assertThat(stored.get(key)).as("fill of %s", key)
                        .isCloseTo(ledger.expectedFill(key).orElseThrow(), org.assertj.core.data.Offset.offset(1e-6));
            }
            // Readings of every kind: the contract's bins have no device; each LoRaWAN kind by its model and server.
            assertThat(ingest.count("SELECT count(*) FROM readings r WHERE NOT EXISTS "
                    + "(SELECT 1 FROM device_assignments a WHERE a.bin_id = r.bin_id)")).isPositive();
            for (DeviceKind kind : DeviceKind.values()) {
                if (kind.isLoRaWan()) {
                    assertThat(ingest.count("SELECT count(*) FROM readings r JOIN device_assignments a ON a.bin_id = "
                            + "r.bin_id JOIN devices d ON d.id = a.device_id WHERE d.model = ? AND d.source = ?",
                            kind.model(), kind.server().source())).as("readings of %s", kind).isPositive();
                }
            }
            assertThat(ingest.counter("clearway.ingest.messages")).isEqualTo((double) ledger.publications());
        }
    }

    private static Map<ReadingKey, Double> fills(IngestHarness ingest) throws SQLException {
        Map<ReadingKey, Double> fills = new HashMap<>();
        try (Connection c = ingest.db().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT bin_id, measured_at, fill_pct FROM readings");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                fills.put(new ReadingKey(rs.getString(1), rs.getTimestamp(2).toInstant()), rs.getDouble(3));
            }
        }
        return fills;
    }

    private static long count(IngestHarness ingest, String sql) {
        try {
            return ingest.count(sql);
        } catch (SQLException e) {
            return -1;
        }
    }
}
