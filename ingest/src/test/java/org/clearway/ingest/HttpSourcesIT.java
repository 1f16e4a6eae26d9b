package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP sources posting real HTTP to a running ingest on the real database: ChirpStack's HTTP integration and
 * The Things Stack's webhook (their example bodies in test resources, http/README.md says where from) and a device
 * posting the contract's JSON with its token. Each answer comes after the commit: a 200's reading is in the table
 * when the answer arrives, a 4xx's rejection is kept with its reason; a wrong secret or token is refused and kept
 * nowhere; each source counts its own requests.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HttpSourcesIT {
    private static final String CS_SECRET = "chirpstack-secret-0123456789";
    private static final String TTS_SECRET = "tts-webhook-secret-0123456789";
    private static final String TOKEN = "cwd_dGVzdC10b2tlbi1mb3ItdGhlLWh0dHAtZGV2aWNl";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static IngestHarness ingest;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "CLEARWAY_INGEST_SOURCES", "contract,chirpstack-http,tts-http,http",
                "CLEARWAY_INGEST_CHIRPSTACK_SECRET", CS_SECRET,
                "CLEARWAY_INGEST_TTS_SECRET", TTS_SECRET,
                "CLEARWAY_INGEST_UPLINK_HOST", "127.0.0.1",
                "CLEARWAY_INGEST_UPLINK_PORT", "0",
                "CLEARWAY_INGEST_TOKEN_CACHE", "1ms"));
        ingest = new IngestHarness("httpsources", Clock.systemUTC(), env).start();
        base = "http://127.0.0.1:" + ingest.service.uplinkPort();
        ingest.registerBin("cs-bin", 2500, 100);
        ingest.registerBin("tts-bin", 3000, 300);
        ingest.registerBin("nb-bin", 1000, 0);
        device("24e124126b316403", "milesight-em400-udl", "chirpstack", "cs-bin");
        device("a84041000181c061", "dragino-ldds75", "tts", "tts-bin");
        device("nb-iot-17", "contract-json", "http", "nb-bin");
        device("nb-iot-18", "contract-json", "http", null);
        token("nb-iot-17", TOKEN);
        token("nb-iot-18", TOKEN + "-18");
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private static void device(String id, String model, String source, String bin) throws Exception {
        try (Connection c = ingest.db().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO devices (id, model, source) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, model);
                ps.setString(3, source);
                ps.executeUpdate();
            }
            if (bin != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_assignments (device_id, bin_id, "
                        + "valid_from) VALUES (?, ?, ?::timestamptz)")) {
                    ps.setString(1, id);
                    ps.setString(2, bin);
                    ps.setString(3, NOW.minus(Duration.ofHours(1)).toString());
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void token(String device, String token) throws Exception {
        try (Connection c = ingest.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device_tokens (device_id, token_sha256, hint, issued_at, issued_by) VALUES (?, ?, ?, now(), 'test')")) {
            ps.setString(1, device);
            ps.setBytes(2, MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            ps.setString(3, token.substring(0, 8));
            ps.executeUpdate();
        }
    }

    private static String resource(String name, Instant time) throws IOException {
        try (InputStream in = HttpSourcesIT.class.getResourceAsStream("/http/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${TIME}", time.toString());
        }
    }

    private static HttpResponse<String> post(String path, String bearer, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
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
    void chirpStackHttpIntegrationIsStoredBeforeItsAnswerOnceAndAuthenticated() throws Exception {
        String body = resource("chirpstack-up.json", NOW.minus(Duration.ofMinutes(5)));
        assertThat(post("/chirpstack?event=up", "wrong-secret-0123456789", body).statusCode()).isEqualTo(401);
        assertThat(post("/chirpstack?event=up", null, body).statusCode()).isEqualTo(401);
        assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'cs-bin'")).isZero();

        HttpResponse<String> r = post("/chirpstack?event=up", CS_SECRET, body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"stored\"", "\"readings\":1");
        // Answered after the commit: the reading is there when the answer arrives.
        assertThat(row("cs-bin")).isEqualTo("2116 19.36 92 25.7 t -101 12 {tilt};");
        // ChirpStack retries what it did not get a 2xx for: a repeat is stored once, and answered 200.
        assertThat(post("/chirpstack?event=up", CS_SECRET, body).statusCode()).isEqualTo(200);
        assertThat(row("cs-bin")).isEqualTo("2116 19.36 92 25.7 t -101 12 {tilt};");
        // Events without a reading are answered 204 and counted.
        assertThat(post("/chirpstack?event=join", CS_SECRET, "{}").statusCode()).isEqualTo(204);
        assertThat(ingest.counter("clearway.ingest.source.received")).isGreaterThanOrEqualTo(5.0);
        assertThat(ingest.registry.find("clearway.ingest.source.stored").tag("source", "chirpstack-http").counter().count())
                .isEqualTo(2.0);
        assertThat(ingest.registry.find("clearway.ingest.source.refused").tag("source", "chirpstack-http")
                .tag("cause", "unauthorized").counter().count()).isEqualTo(2.0);
        assertThat(ingest.registry.find("clearway.ingest.source.ignored").tag("event", "join").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void theThingsStackWebhookStoresItsUplinkAndKeepsWhatItRefuses() throws Exception {
        Instant t = NOW.minus(Duration.ofMinutes(4));
        assertThat(post("/tts/uplink", CS_SECRET, resource("tts-uplink.json", t)).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = post("/tts/uplink", TTS_SECRET, resource("tts-uplink.json", t));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(row("tts-bin")).isEqualTo("2821 15.97 null 26.1 null -88 40 null;");

        HttpResponse<String> bad = post("/tts/uplink", TTS_SECRET, resource("tts-uplink-bad-frame.json", t.plusSeconds(60)));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"reason\":\"undecodable\"", "0e1c0b05", "\"kept\":true");
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'undecodable' "
                + "AND topic = 'http/tts/uplink' AND detail LIKE '%hex 0e1c0b05%'")).isEqualTo(1);

        String stray = resource("tts-uplink.json", t).replace("A84041000181C061", "FFFFFFFFFFFFFFFF");
        HttpResponse<String> unknown = post("/tts/uplink", TTS_SECRET, stray);
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("\"reason\":\"unknown_device\"");
        HttpResponse<String> notJson = post("/tts/uplink", TTS_SECRET, "{\"end_device_ids\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE topic = 'http/tts/uplink'")).isEqualTo(3);
        assertThat(ingest.registry.find("clearway.ingest.source.rejected").tag("source", "tts-http")
                .tag("reason", "unknown_device").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aDevicePostsTheContractsJsonWithItsOwnToken() throws Exception {
        String t1 = NOW.minus(Duration.ofMinutes(3)).toString();
        String t2 = NOW.minus(Duration.ofMinutes(2)).toString();
        String one = "{\"ts\":\"" + t1 + "\",\"fill\":42.5,\"battery\":80}";
        assertThat(post("/devices/nb-iot-17/telemetry", "cwd_not-a-token", one).statusCode()).isEqualTo(401);
        assertThat(post("/devices/nb-iot-17/telemetry", TOKEN + "-18", one).statusCode()).isEqualTo(401);
        assertThat(post("/devices/nb-iot-17/telemetry", null, one).statusCode()).isEqualTo(401);
        assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'nb-bin'")).isZero();

        HttpResponse<String> r = post("/devices/NB-IOT-17/telemetry", TOKEN, one);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'nb-bin' AND fill_pct = 42.5")).isEqualTo(1);

        // A batch with one bad reading: the good one stored, the bad one kept with its reason, both said.
        String batch = "[{\"ts\":\"" + t2 + "\",\"fill\":50},{\"ts\":\"" + t2 + "\",\"fill\":150}]";
        HttpResponse<String> partial = post("/devices/nb-iot-17/telemetry", TOKEN, batch);
        assertThat(partial.statusCode()).isEqualTo(200);
        assertThat(partial.body()).contains("\"readings\":1", "\"reason\":\"out_of_range\"", "\"index\":1");
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE bin_id = 'nb-bin' AND reason = 'out_of_range'"))
                .isEqualTo(1);

        HttpResponse<String> notJson = post("/devices/nb-iot-17/telemetry", TOKEN, "fill=40");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"reason\":\"not_json\"");
        // A device with a token but on no bin: kept as unknown_device.
        HttpResponse<String> noBin = post("/devices/nb-iot-18/telemetry", TOKEN + "-18", one);
        assertThat(noBin.statusCode()).isEqualTo(422);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'unknown_device' "
                + "AND topic = 'http/devices/nb-iot-18'")).isEqualTo(1);

        // Revoked: refused at once (the test's token cache is 1 ms).
        try (Connection c = ingest.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM device_tokens WHERE device_id = 'nb-iot-17'")) {
            ps.executeUpdate();
        }
        Thread.sleep(5);
        assertThat(post("/devices/nb-iot-17/telemetry", TOKEN, one).statusCode()).isEqualTo(401);
    }
}
