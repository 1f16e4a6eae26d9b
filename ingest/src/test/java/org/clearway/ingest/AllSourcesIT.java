package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every source at once, configured by environment (issue 14): the contract, ChirpStack and The Things Stack on the
 * real broker, their HTTP integrations, each shown in /health and counted apart in
 * {@code clearway_ingest_messages_total{source, outcome}}; ChirpStack's status events on MQTT and The Things Stack's
 * {@code last_battery_percentage} (MQTT and webhook) become the device's status.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AllSourcesIT {
    private static final String CS_SECRET = "chirpstack-secret-all-sources-0123";
    private static final String TTS_SECRET = "tts-webhook-secret-all-sources-0123";
    private static final String CS_APP = "17c82e96-be03-4f38-aef3-f83d48582d97";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static IngestHarness ingest;
    static PahoMqttSession server;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "CLEARWAY_INGEST_SOURCES", "contract, chirpstack, tts, chirpstack-http, tts-http",
                "CLEARWAY_INGEST_CHIRPSTACK_SECRET", CS_SECRET, "CLEARWAY_INGEST_TTS_SECRET", TTS_SECRET,
                "CLEARWAY_INGEST_UPLINK_HOST", "127.0.0.1", "CLEARWAY_INGEST_UPLINK_PORT", "0",
                "CLEARWAY_INGEST_LOW_BATTERY_PCT", "15"));
        ingest = new IngestHarness("allsources", Clock.systemUTC(), env);
        env.put("CLEARWAY_INGEST_CHIRPSTACK_TOPIC", ingest.prefix + "application/+/device/+/event/up");
        env.put("CLEARWAY_INGEST_CHIRPSTACK_STATUS_TOPIC", ingest.prefix + "application/+/device/+/event/status");
        env.put("CLEARWAY_INGEST_TTS_TOPIC", ingest.prefix + "v3/+/devices/+/up");
        ingest.start();
        ingest.registerBin("contract-bin", 1000, 0);
        ingest.registerBin("cs-bin", 2500, 100);
        ingest.registerBin("tts-bin", 3000, 300);
        ingest.registerBin("tts-http-bin", 3000, 300);
        try (Connection c = ingest.db().getConnection(); var s = c.createStatement()) {
            String from = NOW.minus(Duration.ofHours(3)).toString();
            s.execute("INSERT INTO devices (id, model, source) VALUES ('24e124126b316403', 'milesight-em400-udl', 'chirpstack'),"
                    + " ('a84041000181c061', 'dragino-ldds75', 'tts'), ('a84041000181c062', 'dragino-ldds75', 'tts')");
            s.execute("INSERT INTO device_assignments (device_id, bin_id, valid_from) VALUES "
                    + "('24e124126b316403', 'cs-bin', '" + from + "'), ('a84041000181c061', 'tts-bin', '" + from + "'), "
                    + "('a84041000181c062', 'tts-http-bin', '" + from + "')");
        }
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

    private static String resource(String name, Instant time) throws Exception {
        try (InputStream in = AllSourcesIT.class.getResourceAsStream("/http/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${TIME}", time.toString());
        }
    }

    private static void publish(String topic, String json) {
        server.publish(ingest.prefix + topic, json.getBytes(StandardCharsets.UTF_8), 1, false).join();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int post(String path, String secret, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.service.uplinkPort() + path))
                .header("Authorization", "Bearer " + secret).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String status(String device) throws Exception {
        try (Connection c = ingest.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT source, bin_id, battery_pct, external_power, low_battery, measured_at FROM device_status "
                        + "WHERE device_id = ?")) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getString(4) + " " + rs.getString(5) + " " + rs.getTimestamp(6).toInstant() : "none";
            }
        }
    }

    /** The Prometheus line of {@code clearway_ingest_messages_total} for a source and outcome; its value. */
    private static String messages(String metrics, String source, String outcome) {
        return metrics.lines().filter(l -> l.startsWith("clearway_ingest_messages_total{")
                        && l.contains("source=\"" + source + "\"") && l.contains("outcome=\"" + outcome + "\""))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("none");
    }

    @Test
    void everySourceIsShownAndCountedApartAndStatusesBecomeTheDevicesStatus() throws Exception {
        String health = get(ingest.service.httpPort(), "/health").body();
        for (String source : new String[] {"contract", "chirpstack", "tts", "chirpstack-http", "tts-http"}) {
            assertThat(health).contains("\"source." + source + "\":\"UP\"");
        }

        Instant t = NOW.minus(Duration.ofMinutes(30));
        // The contract on MQTT.
        publish("bins/contract-bin/telemetry", "{\"ts\":\"" + t + "\",\"fill\":40}");
        // ChirpStack on MQTT: the EM400-UDL README example, then the device's status event (battery 12.5 %: low).
        String csTopic = "application/" + CS_APP + "/device/24e124126b316403/event/";
        publish(csTopic + "up", resource("chirpstack-up.json", t));
        publish(csTopic + "status", resource("chirpstack-status.json", t.plusSeconds(60)));
        // A status event of a device nobody registered: kept unknown_device.
        publish("application/" + CS_APP + "/device/ffffffffffffffff/event/status",
                resource("chirpstack-status.json", t).replace("24e124126b316403", "ffffffffffffffff"));
        // The Things Stack on MQTT with its last_battery_percentage (3.33.1+), received before the uplink.
        String last = ",\"last_battery_percentage\":{\"f_cnt\":14,\"value\":90.118576,\"received_at\":\""
                + t.minusSeconds(3600) + "\"}";
        publish("v3/bins@city/devices/ldds75-bin-7/up", withLastBattery(resource("tts-uplink.json", t), last));

        IngestHarness.await("the MQTT messages to be stored or kept", Duration.ofSeconds(30), () -> {
            try {
                return ingest.count("SELECT count(*) FROM readings") == 3
                        && ingest.count("SELECT count(*) FROM rejected_messages") == 1
                        && ingest.count("SELECT count(*) FROM device_status_history WHERE source = 'chirpstack-status'") == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(status("24e124126b316403")).isEqualTo("chirpstack-status cs-bin 12.5 f t " + t.plusSeconds(60));
        assertThat(ingest.count("SELECT count(*) FROM alarms WHERE kind = 'low_battery' AND bin_id = 'cs-bin'")).isEqualTo(1);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'unknown_device' "
                + "AND topic LIKE '%/device/ffffffffffffffff/event/status'")).isEqualTo(1);
        // The Dragino's frame has volts (kept as volts, newer); The Things Stack's percentage is in the history.
        assertThat(ingest.count("SELECT count(*) FROM device_status_history WHERE device_id = 'a84041000181c061' "
                + "AND battery_pct = 90.118576 AND measured_at = ?::timestamptz AND bin_id = 'tts-bin' AND source = 'tts-status'",
                t.minusSeconds(3600).toString())).isEqualTo(1);

        // The Things Stack's webhook with the same field: the device's latest status when it is the newest.
        String webhook = withLastBattery(resource("tts-uplink.json", t), ",\"last_battery_percentage\":{\"f_cnt\":41,"
                + "\"value\":11,\"received_at\":\"" + t.plusSeconds(120) + "\"}")
                .replace("A84041000181C061", "A84041000181C062").replace("ldds75-bin-7", "ldds75-bin-8");
        assertThat(post("/tts/uplink", TTS_SECRET, webhook)).isEqualTo(200);
        assertThat(status("a84041000181c062")).isEqualTo("tts-status tts-http-bin 11 null t " + t.plusSeconds(120));
        assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'tts-http-bin' AND distance_mm = 2821"))
                .isEqualTo(1);
        // ChirpStack's HTTP status event, through the same batch and commit.
        assertThat(post("/chirpstack?event=status", CS_SECRET, resource("chirpstack-status.json", t.plusSeconds(180))
                .replace("12.5", "80"))).isEqualTo(200);
        assertThat(status("24e124126b316403")).isEqualTo("chirpstack-status cs-bin 80 f f " + t.plusSeconds(180));

        String metrics = get(ingest.service.httpPort(), "/metrics").body();
        assertThat(messages(metrics, "contract", "stored")).isEqualTo("1.0");
        assertThat(messages(metrics, "chirpstack", "stored")).isEqualTo("1.0");
        assertThat(messages(metrics, "chirpstack", "status")).isEqualTo("1.0");
        assertThat(messages(metrics, "chirpstack", "rejected")).isEqualTo("1.0");
        assertThat(messages(metrics, "tts", "stored")).isEqualTo("1.0");
        assertThat(messages(metrics, "tts-http", "stored")).isEqualTo("1.0");
        assertThat(messages(metrics, "chirpstack-http", "status")).isEqualTo("1.0");
        assertThat(messages(metrics, "tts", "rejected")).isEqualTo("none");
    }

    /** The uplink message with {@code last_battery_percentage} added at its end. */
    private static String withLastBattery(String uplink, String field) {
        int end = uplink.lastIndexOf('}', uplink.lastIndexOf('}') - 1);
        return uplink.substring(0, end) + field + uplink.substring(end);
    }
}
