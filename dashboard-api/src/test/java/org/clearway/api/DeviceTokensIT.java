package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Device tokens for ingest's plain HTTP source (issue 14): issued once, stored only as their SHA-256 (what ingest
 * compares), rotated, revoked, all within the token's zone and role.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeviceTokensIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_device_tokens", Clock.systemUTC(), Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String storedHash(String device) throws Exception {
        try (Connection c = api.schema.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT token_sha256 FROM device_tokens WHERE device_id = ?")) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? HexFormat.of().formatHex(rs.getBytes(1)) : null;
            }
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDevicesTokenIsIssuedOnceStoredHashedRotatedAndRevokedInItsZone() throws Exception {
        assertThat(api.send("operator-c1", "POST", "/bins/b1/device/token", null, null).status())
                .as("no device on b1 yet").isEqualTo(404);
        JsonObject device = new JsonObject().put("deviceId", "nb-iot-17").put("model", "contract-json").put("source", "http");
        assertThat(api.send("operator-c1", "PUT", "/bins/b1/device", device.encode(), "application/json").status())
                .isEqualTo(200);

        assertThat(api.send("viewer-c1", "POST", "/bins/b1/device/token", null, null).status()).isEqualTo(403);
        assertThat(api.send("operator-c2", "POST", "/bins/b1/device/token", null, null).status())
                .as("b1 is outside c2").isEqualTo(404);

        ApiHarness.Response issued = api.send("operator-c1", "POST", "/bins/b1/device/token", null, null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().getString("token");
        assertThat(token).startsWith("cwd_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(issued.json().getString("deviceId")).isEqualTo("nb-iot-17");
        assertThat(storedHash("nb-iot-17")).isEqualTo(sha256(token));

        ApiHarness.Response shown = api.get("viewer-c1", "/bins/b1/device/token");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().getString("hint")).isEqualTo(token.substring(0, 8));
        assertThat(shown.body()).doesNotContain(token);
        assertThat(api.get("operator-c2", "/bins/b1/device/token").status()).isEqualTo(404);

        String rotated = api.send("operator-c1", "POST", "/bins/b1/device/token", null, null).json().getString("token");
        assertThat(rotated).isNotEqualTo(token);
        assertThat(storedHash("nb-iot-17")).isEqualTo(sha256(rotated));

        assertThat(api.send("operator-c2", "DELETE", "/bins/b1/device/token", null, null).status()).isEqualTo(404);
        assertThat(api.send("operator-c1", "DELETE", "/bins/b1/device/token", null, null).status()).isEqualTo(200);
        assertThat(storedHash("nb-iot-17")).isNull();
        assertThat(api.send("operator-c1", "DELETE", "/bins/b1/device/token", null, null).status()).isEqualTo(404);
        assertThat(api.get("viewer-c1", "/bins/b1/device/token").status()).isEqualTo(404);
    }

    @Test
    void theCsvImportIssuesATokenWithTheDeviceAndSaysItOnce() throws Exception {
        String csv = "id,zoneId,stream,volumeL,depthMm,lat,lon,deviceId,deviceModel,deviceSource,deviceToken\n"
                + "tk1,c1,residual,240,1000,31.2,121.4,nb-iot-21,contract-json,http,issue\n"
                + "tk2,c1,residual,240,1000,31.2,121.4,nb-iot-22,contract-json,http,\n"
                + "tk3,c1,residual,240,1000,31.2,121.4,,,,issue\n";
        ApiHarness.Response r = api.send("operator-c1", "POST", "/bins/import", csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String token = r.json().getJsonArray("lines").getJsonObject(0).getString("deviceToken");
        assertThat(token).startsWith("cwd_");
        assertThat(storedHash("nb-iot-21")).isEqualTo(sha256(token));
        assertThat(r.json().getJsonArray("lines").getJsonObject(1).getValue("deviceToken")).isNull();
        assertThat(storedHash("nb-iot-22")).isNull();
        assertThat(r.json().getJsonArray("lines").getJsonObject(2).getString("code")).isEqualTo("invalid_value");
        assertThat(api.get("viewer-c1", "/bins/tk3").status()).as("refused whole").isEqualTo(404);
    }

    @Test
    void theDeviceJsonShowsTheStatusIngestStored() throws Exception {
        JsonObject device = new JsonObject().put("deviceId", "24e124126b316403").put("model", "milesight-em400-udl")
                .put("source", "chirpstack");
        assertThat(api.send("operator-city", "PUT", "/bins/b4/device", device.encode(), "application/json").status())
                .isEqualTo(200);
        assertThat(api.get("viewer-city", "/bins/b4/device").json().getJsonObject("current").getValue("status")).isNull();
        try (Connection c = api.schema.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device_status (device_id, measured_at, source, received_at, bin_id, battery_pct, tilt, "
                        + "low_battery) VALUES ('24e124126b316403', '2026-11-28T08:10:00Z', 'frame', "
                        + "'2026-11-28T08:10:01Z', 'b4', 12.0, true, true)")) {
            ps.executeUpdate();
        }
        JsonObject status = api.get("viewer-city", "/bins/b4/device").json().getJsonObject("current").getJsonObject("status");
        assertThat(status.getDouble("batteryPct")).isEqualTo(12.0);
        assertThat(status.getBoolean("lowBattery")).isTrue();
        assertThat(status.getBoolean("tilt")).isTrue();
        assertThat(status.getString("source")).isEqualTo("frame");
        assertThat(api.get("viewer-city", "/alarms?kind=low_battery").status()).isEqualTo(200);
    }
}
