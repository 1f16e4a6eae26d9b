package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ChirpStack v4 and The Things Stack v3 uplinks through the real broker into the same pipeline as
 * the contract's messages: each network server's own JSON, carrying the vendors' example frames,
 * stored once with the fill from the bin's geometry; a refused frame kept {@code undecodable} with
 * its hex; an unregistered device kept {@code unknown_device}; a moved device's uplinks on the bin
 * it was on at their time.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NetworkServersIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static IngestHarness ingest;
    static PahoMqttSession server;

    @BeforeAll
    static void start() throws Exception {
        java.util.Map<String, String> env = new java.util.HashMap<>(Map.of("CLEARWAY_INGEST_SOURCES", "contract,chirpstack,tts"));
        ingest = new IngestHarness("netservers", Clock.systemUTC(), env);
        // The harness's own topic prefix keeps this class's topics apart from other test classes'.
        env.put("CLEARWAY_INGEST_CHIRPSTACK_TOPIC", ingest.prefix + "application/+/device/+/event/up");
        env.put("CLEARWAY_INGEST_TTS_TOPIC", ingest.prefix + "v3/+/devices/+/up");
        ingest.start();
        ingest.registerBin("cs-bin", 2500, 100);
        ingest.registerBin("tts-bin", 3000, 300);
        ingest.registerBin("old-bin", 2000, 0);
        ingest.registerBin("new-bin", 5000, 0);
        device("24e124126b316403", "milesight-em400-udl", "chirpstack", "cs-bin", NOW.minus(Duration.ofHours(1)), null);
        device("a84041000181c061", "dragino-ldds75", "tts", "tts-bin", NOW.minus(Duration.ofHours(1)), null);
        device("70b3d50000000301", "decentlab-dl-mbx", "chirpstack", "old-bin", NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofHours(1)));
        device("70b3d50000000301", "decentlab-dl-mbx", "chirpstack", "new-bin", NOW.minus(Duration.ofHours(1)), null);
        server = new PahoMqttSession(MqttClientSettings.publisher(new MqttConfig(ingest.brokerUri, "", "", ""),
                "ns-" + ingest.clientId, 50));
        server.start();
        IngestHarness.await("the network server to connect", Duration.ofSeconds(30), server::isConnected);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    private static void device(String id, String model, String source, String bin, Instant from, Instant to) throws Exception {
        try (Connection c = ingest.db().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO devices (id, model, source) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, id);
                ps.setString(2, model);
                ps.setString(3, source);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO device_assignments (device_id, bin_id, valid_from, valid_to) VALUES (?, ?, ?::timestamptz, ?::timestamptz)")) {
                ps.setString(1, id);
                ps.setString(2, bin);
                ps.setString(3, from.toString());
                ps.setString(4, to == null ? null : to.toString());
                ps.executeUpdate();
            }
        }
    }

    /** ChirpStack v4's uplink event, JSON marshaler, as its MQTT integration publishes it. */
    private static void chirpstack(String devEui, String hex, Instant time, int fCnt, int fPort) {
        String json = """
                {"deduplicationId":"3d4ea0f2-2e2e-4a1e-9b9b-6f3c2d6e1a10","time":"%s",
                 "deviceInfo":{"tenantId":"52f14cd4-c6f1-4fbd-8f87-4025e1d49242","tenantName":"City",
                   "applicationId":"17c82e96-be03-4f38-aef3-f83d48582d97","applicationName":"bins",
                   "deviceProfileId":"14855bf7-d10d-4aee-b618-ebfcb64dc7ad","deviceProfileName":"level sensors",
                   "deviceName":"bin sensor","devEui":"%s","tags":{}},
                 "devAddr":"00189440","adr":true,"dr":5,"fCnt":%d,"fPort":%d,"confirmed":false,"data":"%s",
                 "rxInfo":[{"gatewayId":"0016c001f153a14c","uplinkId":4217106255,"rssi":-101,"snr":7.5,"channel":2,
                   "location":{},"context":"EFwMtA==","metadata":{"region_config_id":"eu868"}}],
                 "txInfo":{"frequency":868500000,"modulation":{"lora":{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}}
                """.formatted(time, devEui, fCnt, fPort, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
        server.publish(ingest.prefix + "application/17c82e96-be03-4f38-aef3-f83d48582d97/device/" + devEui + "/event/up",
                json.getBytes(StandardCharsets.UTF_8), 1, false).join();
    }

    /** The Things Stack v3's uplink message, as its MQTT server publishes it. */
    private static void tts(String deviceId, String devEui, String hex, Instant time, int fCnt) {
        String json = """
                {"end_device_ids":{"device_id":"%s","application_ids":{"application_id":"bins"},
                   "dev_eui":"%s","join_eui":"A840410000000101","dev_addr":"260B1234"},
                 "correlation_ids":["as:up:01H0PZSK3VN7M2X0Q3G1R8CK4E"],"received_at":"%s",
                 "uplink_message":{"session_key_id":"AYfg7C0Zs+0P4cHs8bI3mQ==","f_port":2,"f_cnt":%d,
                   "frm_payload":"%s",
                   "rx_metadata":[{"gateway_ids":{"gateway_id":"city-gw-1","eui":"B827EBFFFE000001"},"time":"%s",
                     "rssi":-88,"channel_rssi":-88,"snr":9.25,"uplink_token":"ChIKEAoOY2l0eS1ndy0x"}],
                   "settings":{"data_rate":{"lora":{"bandwidth":125000,"spreading_factor":7}},"frequency":"868100000"},
                   "received_at":"%s","consumed_airtime":"0.061696s"}}
                """.formatted(deviceId, devEui, time, fCnt, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)),
                time, time);
        server.publish(ingest.prefix + "v3/bins@city/devices/" + deviceId + "/up", json.getBytes(StandardCharsets.UTF_8), 1,
                false).join();
    }

    private static String row(String bin) throws Exception {
        try (Connection c = ingest.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT distance_mm, round(fill_pct::numeric, 2), battery_pct, temp_c, tilt, rssi, seq, alarms::text "
                        + "FROM readings WHERE bin_id = ? ORDER BY measured_at")) {
            ps.setString(1, bin);
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 8; i++) {
                        out.append(i > 1 ? " " : "").append(rs.getString(i));
                    }
                    out.append(';');
                }
            }
            return out.toString();
        }
    }

    @Test
    void eachNetworkServersUplinkIsStoredOnceWithItsFillAndBadOnesAreKept() throws Exception {
        Instant t = NOW.minus(Duration.ofMinutes(5));
        // Milesight EM400-UDL, its README's first example (Milesight-IoT/SensorDecoders), twice: a redelivery.
        chirpstack("24e124126b316403", "01755C03670101048244080500 01".replace(" ", ""), t, 12, 85);
        chirpstack("24e124126b316403", "01755C0367010104824408050001", t, 12, 85);
        // Dragino LDDS75 through The Things Stack, the manual's values (0x0B05 = 2821 mm).
        tts("ldds75-bin-7", "A84041000181C061", "0B450B0500010501", t, 40);
        // A frame the LDDS75 decoder refuses: TTN's 4-byte example.
        tts("ldds75-bin-7", "A84041000181C061", "0E1C0B05", t.plusSeconds(60), 41);
        // A device nobody registered.
        tts("stray", "FFFFFFFFFFFFFFFF", "0B450B0500010501", t, 1);
        // A moved device: this uplink's time was on old-bin, the next on new-bin (Decentlab's example frame).
        chirpstack("70b3d50000000301", "02012f000304d200010bb1", NOW.minus(Duration.ofMinutes(90)), 100, 1);
        chirpstack("70b3d50000000301", "02012f000304d200010bb1", NOW.minus(Duration.ofMinutes(10)), 101, 1);

        IngestHarness.await("the uplinks to be stored or kept", Duration.ofSeconds(30), () -> {
            try {
                return ingest.count("SELECT count(*) FROM readings") == 4
                        && ingest.count("SELECT count(*) FROM rejected_messages") == 2;
            } catch (Exception e) {
                return false;
            }
        });
        // (2500 - (2116 - 100)) / 2500 = 19.36 %
        assertThat(row("cs-bin")).isEqualTo("2116 19.36 92 25.7 t -101 12 {tilt};");
        // (3000 - (2821 - 300)) / 3000 = 15.97 %; a battery voltage is not stored as a percentage.
        assertThat(row("tts-bin")).isEqualTo("2821 15.97 null 26.1 null -88 40 null;");
        assertThat(row("old-bin")).isEqualTo("1234 38.30 null null null -101 100 null;");
        assertThat(row("new-bin")).isEqualTo("1234 75.32 null null null -101 101 null;");
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'undecodable' "
                + "AND detail LIKE '%hex 0e1c0b05%' AND topic LIKE '%/devices/ldds75-bin-7/up'")).isEqualTo(1);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'unknown_device' "
                + "AND detail LIKE '%ffffffffffffffff%'")).isEqualTo(1);
        assertThat(ingest.counter("clearway.ingest.rejected")).isEqualTo(2.0);
    }
}
