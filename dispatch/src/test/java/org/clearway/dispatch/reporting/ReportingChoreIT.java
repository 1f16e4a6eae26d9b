package org.clearway.dispatch.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.decisions.BinState;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.reporting.ReportingIntervals;
import org.clearway.decisions.reporting.ReportingRule;
import org.clearway.decisions.signal.ThresholdRule;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.store.DecisionStateStore;
import org.clearway.dispatch.store.Json;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.FaultProxy;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The reporting chore on the real schema and broker: bins carrying a Milesight EM310-UDL and EM400-UDL through
 * ChirpStack, a Dragino LDDS75 and an EM310 through The Things Stack, and a Decentlab DL-MBX (no interval frame);
 * near full, just emptied, half full. A subscriber on the broker gets the exact frames on the exact topics; a second
 * run sends nothing (the tiers did not change); a downlink whose acknowledgement does not come in time is not
 * recorded and goes again at the next run.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportingChoreIT {
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final String APP = "5a1c2f3e-0b7d-4c1e-9f00-000000c1ea00";
    static final String TTS = "clearway-bins@city";
    private static TestSchema schema;
    private static DataSource db;
    private static String prefix;
    private static PahoMqttSession listener;
    private static final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void setUp() throws SQLException, InterruptedException {
        schema = DispatchTestDb.migratedSchema("dispatch_reporting");
        db = schema.dataSource();
        prefix = "rep-" + System.nanoTime() + "/";
        device("full1", "a84041000181c001", "milesight-em310-udl", "chirpstack", 70.0, null);
        device("empty1", "a84041000181c002", "milesight-em400-udl", "chirpstack", 5.0, NOW.minus(Duration.ofHours(1)));
        device("near1", "a84041000181c003", "dragino-ldds75", "tts", 75.0, null);
        device("mid1", "bin-sensor-7", "milesight-em310-udl", "tts", 50.0, null);
        device("mbx1", "a84041000181c005", "decentlab-dl-mbx", "chirpstack", 90.0, null);
        listener = new PahoMqttSession(MqttClientSettings.publisher(broker(TestInfrastructure.broker().serverUri()),
                "rep-listen-" + System.nanoTime(), 10));
        listener.start();
        listener.subscribe(prefix + "#", 1, m -> received.computeIfAbsent(m.topic(), t -> new ArrayList<>())
                .add(new String(m.payload(), StandardCharsets.UTF_8)));
        awaitTrue(listener::isSubscribed);
    }

    @AfterAll
    static void tearDown() {
        if (listener != null) {
            listener.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    @Order(1)
    void sendsEachModelsFrameOnItsNetworkServersTopicOnce() throws Exception {
        PahoMqttSession publisher = publisher(TestInfrastructure.broker().serverUri());
        try {
            assertThat(run(publisher, Duration.ofSeconds(10))).isFalse();
            awaitTrue(() -> received.size() == 4);
            Map<String, List<String>> expected = new TreeMap<>(Map.of(
                    prefix + "application/" + APP + "/device/a84041000181c001/command/down",
                    List.of("{\"devEui\":\"a84041000181c001\",\"confirmed\":false,\"fPort\":85,\"data\":\"/wMIBw==\"}"),
                    prefix + "application/" + APP + "/device/a84041000181c002/command/down",
                    List.of("{\"devEui\":\"a84041000181c002\",\"confirmed\":false,\"fPort\":85,\"data\":\"/wNAOA==\"}"),
                    prefix + "v3/" + TTS + "/devices/eui-a84041000181c003/down/push",
                    List.of("{\"downlinks\":[{\"f_port\":2,\"frm_payload\":\"AQAHCA==\",\"priority\":\"NORMAL\"}]}"),
                    prefix + "v3/" + TTS + "/devices/bin-sensor-7/down/push",
                    List.of("{\"downlinks\":[{\"f_port\":85,\"frm_payload\":\"/wMgHA==\",\"priority\":\"NORMAL\"}]}")));
            assertThat(new TreeMap<>(received)).isEqualTo(expected);
            assertThat(rows()).containsExactly(
                    "a84041000181c001 full1 fast 1800 ff030807",
                    "a84041000181c002 empty1 slow 14400 ff034038",
                    "a84041000181c003 near1 fast 1800 01000708",
                    "bin-sensor-7 mid1 normal 7200 ff03201c");
            assertThat(REGISTRY.get("clearway.dispatch.downlinks").tag("model", "milesight-em310-udl")
                    .tag("outcome", "sent").counter().count()).isEqualTo(2);

            // Second run, the same states: no tier changed, nothing is sent or recorded.
            assertThat(run(publisher, Duration.ofSeconds(10))).isFalse();
            Thread.sleep(1_000);
            assertThat(received.values().stream().mapToInt(List::size).sum()).isEqualTo(4);
            assertThat(rows()).hasSize(4);
        } finally {
            publisher.close();
        }
    }

    @Test
    @Order(2)
    void aDownlinkNotAcknowledgedInTimeIsNotRecordedAndGoesAgain() throws Exception {
        setLevel("mid1", 72.0); // NORMAL -> FAST
        URI uri = URI.create(TestInfrastructure.broker().serverUri());
        try (FaultProxy proxy = new FaultProxy(uri.getHost(), uri.getPort())) {
            PahoMqttSession slow = publisher("tcp://127.0.0.1:" + proxy.port());
            try {
                proxy.latency(3_000); // the broker's PUBACK comes 3 s late
                assertThat(run(slow, Duration.ofMillis(500))).isFalse();
                assertThat(rows()).hasSize(4);
                assertThat(REGISTRY.get("clearway.dispatch.downlinks").tag("model", "milesight-em310-udl")
                        .tag("outcome", "unacked").counter().count()).isEqualTo(1);
            } finally {
                slow.abort();
            }
        }
        PahoMqttSession publisher = publisher(TestInfrastructure.broker().serverUri());
        try {
            assertThat(run(publisher, Duration.ofSeconds(10))).isFalse();
            assertThat(rows()).hasSize(5).contains("bin-sensor-7 mid1 fast 1800 ff030807");
            awaitTrue(() -> received.get(prefix + "v3/" + TTS + "/devices/bin-sensor-7/down/push").size() >= 3);
        } finally {
            publisher.close();
        }
    }

    private static boolean run(PahoMqttSession publisher, Duration ackWait) throws SQLException {
        ReportingSettings settings = new ReportingSettings(true, Duration.ofMinutes(10), ReportingIntervals.DEFAULTS,
                ReportingRule.Settings.DEFAULTS, APP, TTS, ackWait);
        ReportingChore chore = new ReportingChore(new ReportingStore(), settings,
                new Downlinks(prefix, APP, TTS, Json.mapper()), () -> publisher, Json.mapper(),
                new ReportingMetrics(REGISTRY));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            return chore.run(c, NOW);
        }
    }

    private static PahoMqttSession publisher(String uri) {
        PahoMqttSession session = new PahoMqttSession(MqttClientSettings.publisher(broker(uri),
                "rep-pub-" + System.nanoTime(), 100));
        session.start();
        assertThat(session.awaitConnected(Duration.ofSeconds(10))).isTrue();
        return session;
    }

    private static MqttConfig broker(String uri) {
        return new MqttConfig(uri, "", "", "");
    }

    private static void device(String bin, String deviceId, String model, String source, double level,
                               Instant emptied) throws SQLException {
        DispatchTestDb.registerBin(db, bin, "residual", 1000, 0);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO devices (id, model, source) VALUES ('" + deviceId + "', '" + model + "', '" + source
                    + "')");
            s.execute("INSERT INTO device_assignments (device_id, bin_id, valid_from) VALUES ('" + deviceId + "', '"
                    + bin + "', '2026-11-01T00:00:00Z')");
        }
        state(bin, level, emptied);
    }

    private static void setLevel(String bin, double level) throws SQLException {
        state(bin, level, null);
    }

    private static void state(String bin, double level, Instant emptied) throws SQLException {
        try (Connection c = db.getConnection()) {
            new DecisionStateStore(Json.mapper(), FakeClock.at(NOW)).save(c, new BinState(bin, NOW.minusSeconds(60),
                    List.of(), level, ThresholdRule.Phase.ARMED, false, ForecastState.initial(), null, null, Set.of(),
                    emptied));
        }
    }

    private static List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT device_id || ' ' || bin_id || ' ' || tier || ' ' || interval_s || ' ' || payload_hex "
                        + "FROM device_reporting ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 20 s");
            }
            Thread.sleep(50);
        }
    }
}
