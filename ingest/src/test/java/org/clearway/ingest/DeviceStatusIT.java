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
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What devices say of themselves (issue 14, status events): the battery and tilt their decoders read in each frame,
 * and ChirpStack's status events, stored per device (latest and history, in the uplink's transaction) with a low
 * battery raised as the bin's {@code low_battery} alarm.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeviceStatusIT {
    private static final String CS_SECRET = "chirpstack-secret-0123456789";
    private static final String TTS_SECRET = "tts-webhook-secret-0123456789";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static IngestHarness ingest;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        ingest = new IngestHarness("devstatus", Clock.systemUTC(), Map.of(
                "CLEARWAY_INGEST_SOURCES", "contract,chirpstack-http,tts-http",
                "CLEARWAY_INGEST_CHIRPSTACK_SECRET", CS_SECRET, "CLEARWAY_INGEST_TTS_SECRET", TTS_SECRET,
                "CLEARWAY_INGEST_UPLINK_HOST", "127.0.0.1", "CLEARWAY_INGEST_UPLINK_PORT", "0",
                "CLEARWAY_INGEST_LOW_BATTERY_PCT", "15")).start();
        base = "http://127.0.0.1:" + ingest.service.uplinkPort();
        ingest.registerBin("cs-bin", 2500, 100);
        ingest.registerBin("tts-bin", 3000, 300);
        ingest.registerBin("em310-bin", 2000, 0);
        try (Connection c = ingest.db().getConnection(); var s = c.createStatement()) {
            String from = NOW.minus(Duration.ofHours(1)).toString();
            s.execute("INSERT INTO devices (id, model, source) VALUES ('24e124126b316403', 'milesight-em400-udl', 'chirpstack'),"
                    + " ('a84041000181c061', 'dragino-ldds75', 'tts'), ('24e124710b423527', 'milesight-em310-udl', 'chirpstack')");
            s.execute("INSERT INTO device_assignments (device_id, bin_id, valid_from) VALUES "
                    + "('24e124126b316403', 'cs-bin', '" + from + "'), ('a84041000181c061', 'tts-bin', '" + from + "'), "
                    + "('24e124710b423527', 'em310-bin', '" + from + "')");
        }
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private static String resource(String name, Instant time) throws Exception {
        try (InputStream in = DeviceStatusIT.class.getResourceAsStream("/http/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${TIME}", time.toString());
        }
    }

    private static int post(String path, String secret, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String status(String table, String device) throws Exception {
        try (Connection c = ingest.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT source, bin_id, battery_pct, battery_v, external_power, tilt, low_battery FROM " + table
                        + " WHERE device_id = ? ORDER BY measured_at, source")) {
            ps.setString(1, device);
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 7; i++) {
                        out.append(i > 1 ? " " : "").append(rs.getString(i));
                    }
                    out.append(';');
                }
            }
            return out.toString();
        }
    }

    @Test
    void framesAndStatusEventsBecomeTheDevicesStatusAndALowBatteryRaisesAnAlarm() throws Exception {
        // Milesight EM400-UDL README example: battery 92 %, tilted.
        assertThat(post("/chirpstack?event=up", CS_SECRET, resource("chirpstack-up.json", NOW.minus(Duration.ofMinutes(10)))))
                .isEqualTo(200);
        assertThat(status("device_status", "24e124126b316403")).isEqualTo("frame cs-bin 92 null null t f;");
        assertThat(ingest.count("SELECT count(*) FROM alarms WHERE kind = 'low_battery'")).isZero();

        // Dragino LDDS75 (manual's values): 2.885 V, kept as volts; no low-battery rule for volts by default.
        assertThat(post("/tts/uplink", TTS_SECRET, resource("tts-uplink.json", NOW.minus(Duration.ofMinutes(9)))))
                .isEqualTo(200);
        assertThat(status("device_status", "a84041000181c061")).isEqualTo("frame tts-bin null 2.885 null null f;");

        // ChirpStack's status event: 12.5 % is under the 15 % threshold.
        assertThat(post("/chirpstack?event=status", CS_SECRET, resource("chirpstack-status.json", NOW.minus(Duration.ofMinutes(5)))))
                .isEqualTo(200);
        assertThat(status("device_status", "24e124126b316403")).isEqualTo("chirpstack-status cs-bin 12.5 null f null t;");
        assertThat(status("device_status_history", "24e124126b316403"))
                .isEqualTo("frame cs-bin 92 null null t f;chirpstack-status cs-bin 12.5 null f null t;");
        assertThat(ingest.count("SELECT count(*) FROM alarms WHERE kind = 'low_battery' AND bin_id = 'cs-bin' "
                + "AND source = 'rule' AND state = 'active' AND detail LIKE '%12.5 %%'")).isEqualTo(1);

        // An older frame arriving late goes to the history, not over the newer status.
        assertThat(post("/chirpstack?event=up", CS_SECRET, resource("chirpstack-up.json", NOW.minus(Duration.ofMinutes(20)))))
                .isEqualTo(200);
        assertThat(status("device_status", "24e124126b316403")).startsWith("chirpstack-status");
        assertThat(ingest.count("SELECT count(*) FROM device_status_history WHERE device_id = '24e124126b316403'"))
                .isEqualTo(3);

        // An EM310-UDL frame by its README's channel table, battery 10 %: low, the same transaction as its reading.
        String em310 = resource("chirpstack-up.json", NOW.minus(Duration.ofMinutes(3)))
                .replace("24e124126b316403", "24e124710b423527").replace("\"fPort\": 85", "\"fPort\": 85")
                .replace("AXVcA2cBAQSCRAgFAAE=", Base64.getEncoder().encodeToString(HexFormat.of().parseHex("01750a0382e803040000")));
        assertThat(post("/chirpstack?event=up", CS_SECRET, em310)).isEqualTo(200);
        assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'em310-bin' AND distance_mm = 1000")).isEqualTo(1);
        assertThat(status("device_status", "24e124710b423527")).isEqualTo("frame em310-bin 10 null null f t;");
        assertThat(ingest.count("SELECT occurrences FROM alarms WHERE kind = 'low_battery' AND bin_id = 'em310-bin'"))
                .isEqualTo(1);

        // A status event of a device nobody registered is kept, as an uplink would be.
        assertThat(post("/chirpstack?event=status", CS_SECRET, resource("chirpstack-status.json", NOW)
                .replace("24e124126b316403", "ffffffffffffffff"))).isEqualTo(422);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'unknown_device' "
                + "AND topic = 'http/chirpstack/status'")).isEqualTo(1);
    }
}
