package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A bin's device (issue 14): put on, moved, taken off, imported by CSV, all within the token's zone. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DevicesIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_devices", Clock.systemUTC(), Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonObject device(String id, String model, String source) {
        return new JsonObject().put("deviceId", id).put("model", model).put("source", source);
    }

    private static ApiHarness.Response put(String token, String bin, JsonObject body) {
        return api.send(token, "PUT", "/bins/" + bin + "/device", body.encode(), "application/json");
    }

    @Test
    void aMovedDeviceLeavesItsHistoryOnEachBin() {
        ApiHarness.Response first = put("operator-c1", "b1", device("24E124126B316403", "milesight-em310-udl", "chirpstack"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().getJsonObject("current").getString("deviceId")).isEqualTo("24e124126b316403");

        // b3 is in c2: outside operator-c1's zone, as if it did not exist.
        assertThat(put("operator-c1", "b3", device("24e124126b316403", "milesight-em310-udl", "chirpstack")).status())
                .isEqualTo(404);
        // operator-c2 sees b3 but not b1, where the device is now.
        ApiHarness.Response elsewhere = put("operator-c2", "b3", device("24e124126b316403", "milesight-em310-udl", "chirpstack"));
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.errorCode()).isEqualTo("device_elsewhere");

        ApiHarness.Response moved = put("operator-city", "b3", device("24e124126b316403", "milesight-em310-udl", "chirpstack"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        JsonObject b1 = api.get("viewer-c1", "/bins/b1/device").json();
        assertThat(b1.getValue("current")).isNull();
        JsonObject old = b1.getJsonArray("history").getJsonObject(0);
        assertThat(old.getString("to")).isNotNull();
        assertThat(old.getString("to")).isEqualTo(moved.json().getJsonObject("current").getString("from"));

        assertThat(api.send("operator-city", "DELETE", "/bins/b3/device", null, null).status()).isEqualTo(200);
        assertThat(api.send("operator-city", "DELETE", "/bins/b3/device", null, null).status()).isEqualTo(404);
    }

    @Test
    void modelsAndSourcesAreChecked() {
        assertThat(put("operator-city", "b4", device("a84041000181c061", "acme-9000", "chirpstack")).status()).isEqualTo(400);
        assertThat(put("operator-city", "b4", device("a84041000181c061", "dragino-ldds75", "lorawan")).status()).isEqualTo(400);
        assertThat(put("viewer-city", "b4", device("a84041000181c061", "dragino-ldds75", "tts")).status()).isEqualTo(403);
        assertThat(put("operator-city", "b2", device("a84041000181c061", "dragino-ldds75", "tts")).errorCode())
                .as("b2 is retired").isEqualTo("retired");
    }

    @Test
    void theCsvImportPutsEachBinsDeviceOnItOrNothing() {
        String csv = "id,zoneId,stream,volumeL,depthMm,lat,lon,deviceId,deviceModel,deviceSource\n"
                + "dv1,c1,residual,240,1000,31.2,121.4,dl-mbx-0301,decentlab-dl-mbx,tts\n"
                + "dv2,c1,residual,240,1000,31.2,121.4,,,\n"
                + "dv3,c1,residual,240,1000,31.2,121.4,x1,no-such-model,tts\n";
        ApiHarness.Response r = api.send("operator-c1", "POST", "/bins/import", csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getInteger("created")).isEqualTo(2);
        assertThat(r.json().getJsonArray("lines").getJsonObject(2).getString("code")).isEqualTo("unknown_model");
        assertThat(api.get("viewer-c1", "/bins/dv1/device").json().getJsonObject("current").getString("model"))
                .isEqualTo("decentlab-dl-mbx");
        assertThat(api.get("viewer-c1", "/bins/dv2/device").json().getValue("current")).isNull();
        assertThat(api.get("viewer-c1", "/bins/dv3").status()).isEqualTo(404);
        ApiHarness.Response half = api.send("operator-c1", "POST", "/bins/import",
                "id,zoneId,stream,volumeL,depthMm,lat,lon,deviceId\n", "text/csv");
        assertThat(half.errorCode()).isEqualTo("bad_header");
        assertThat(List.of(half.status())).containsExactly(400);
    }
}
