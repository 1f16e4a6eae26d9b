package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dispatch service with {@code CLEARWAY_DISPATCH_REPORTING=adaptive}: a LoRaWAN bin's readings (ingest's relay)
 * bring it near its threshold, and the leader's reporting chore sends the EM310-UDL's 15-minute frame through
 * ChirpStack's downlink topic on the leader's publishing connection and records it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AdaptiveReportingIT {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final String APP = "app-7";
    private static final String EUI = "24e124126b316401";
    private DispatchHarness harness;
    private PahoMqttSession listener;
    private final List<InboundMessage> downlinks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        harness = new DispatchHarness("adaptive_reporting", FakeClock.at(NOW), Map.of(
                "CLEARWAY_DISPATCH_REPORTING", "adaptive", "CLEARWAY_DISPATCH_CHIRPSTACK_APPLICATION", APP,
                "CLEARWAY_DISPATCH_REPORTING_EVERY", "10m"));
        harness.registerBin("lora", 1000, 0);
        try (Connection c = harness.db().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO devices (id, model, source) VALUES ('" + EUI + "', 'milesight-em310-udl', 'chirpstack')");
            s.execute("INSERT INTO device_assignments (device_id, bin_id, valid_from) VALUES ('" + EUI
                    + "', 'lora', '2026-11-01T00:00:00Z')");
        }
        listener = new PahoMqttSession(MqttClientSettings.publisher(new MqttConfig(
                TestInfrastructure.broker().serverUri(), "", "", ""), "down-" + harness.clientId, 10));
        listener.subscribe(harness.prefix + "application/+/device/+/command/down", 1, downlinks::add);
        listener.start();
        DispatchTestDb.await("the listener to subscribe", DispatchHarness.WAIT, listener::isSubscribed);
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        harness.close();
    }

    @Test
    void aBinNearItsThresholdGetsTheFastFrameThroughChirpStack() throws Exception {
        harness.startService();
        harness.awaitConsumer();
        Instant t = NOW.minus(Duration.ofHours(1));
        double[] fills = {60, 68, 70};
        for (int i = 0; i < fills.length; i++) {
            harness.publishRaw(harness.prefix + "bins/lora/decoded", DispatchHarness.reading(
                    t.minus(Duration.ofMinutes(15L * (fills.length - 1 - i))), fills[i]).getBytes(StandardCharsets.UTF_8));
        }
        harness.awaitDecided("lora", t);
        harness.clock.advance(Duration.ofMinutes(11)); // the chore's next turn on the city clock
        DispatchTestDb.await("the downlink", DispatchHarness.WAIT, () -> !downlinks.isEmpty());
        InboundMessage down = downlinks.get(0);
        assertThat(down.topic()).isEqualTo(harness.prefix + "application/" + APP + "/device/" + EUI + "/command/down");
        assertThat(new String(down.payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"devEui\":\"" + EUI + "\",\"confirmed\":false,\"fPort\":85,\"data\":\"/wMIBw==\"}");
        DispatchTestDb.await("the row", DispatchHarness.WAIT, () -> {
            try (Connection c = harness.db().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT tier || ' ' || interval_s FROM device_reporting")) {
                return rs.next() && rs.getString(1).equals("fast 1800");
            }
        });
    }
}
