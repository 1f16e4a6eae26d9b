package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.clearway.api.resources.MapLayer;
import org.clearway.api.security.Principal;
import org.clearway.api.security.Role;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /map/bins.geojson}: the whole zone's active bins in one answer (6,004 here, beyond the paged layer's
 * 5,000), the same features as the paged {@code /bins.geojson}, within the token's scope; an ETag that answers 304 to
 * If-None-Match and changes with a bin's state, a new bin, a retired bin, a bin's settings; gzip when the client
 * accepts it (the same bytes once decoded, its own ETag), also after one zone changed; one cached answer sent whole
 * to concurrent requests; with a maximum age, the last answer reused until its fingerprints are that old.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MapLayerIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws SQLException {
        // Every request reads the fingerprints: each change below is seen by the next request.
        api = new ApiHarness("api_map", Clock.systemUTC(), Map.of("CLEARWAY_API_MAP_MAX_AGE", "0s"));
        api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon)"
                + " SELECT 'm' || lpad(i::text, 5, '0'), 'c2', 'residual', 240, 1000, 31 + i / 100000.0, 121 + i / 100000.0"
                + " FROM generate_series(1, 6000) i");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theWholeCityComesInOneAnswerWithTheFeaturesOfThePagedLayer() {
        ApiHarness.Response r = api.get("viewer-city", "/map/bins.geojson");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/geo+json");
        JsonObject map = r.json();
        assertThat(map.getString("type")).isEqualTo("FeatureCollection");
        assertThat(map.getBoolean("truncated")).isFalse();
        Map<String, JsonObject> whole = byId(map);
        assertThat(whole).hasSize(6003).containsKeys("b1", "b3", "b4", "m00001", "m06000").doesNotContainKey("b2");
        Map<String, JsonObject> paged = new HashMap<>();
        String cursor = null;
        do {
            JsonObject page = api.get("viewer-city", "/bins.geojson?limit=5000" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            paged.putAll(byId(page));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(whole).isEqualTo(paged);
    }

    @Test
    void eachTokenSeesItsOwnZoneOnly() {
        assertThat(byId(api.get("operator-c1", "/map/bins.geojson").json()).keySet()).containsExactly("b1");
        assertThat(byId(api.get("operator-c1", "/map/bins.geojson?zone=c3").json())).isEmpty();
        assertThat(byId(api.get("viewer-city", "/map/bins.geojson?zone=d2").json()).keySet()).containsExactly("b4");
        assertThat(byId(api.get("viewer-city", "/map/bins.geojson?zone=s1").json())).hasSize(6002);
        assertThat(api.get(null, "/map/bins.geojson").status()).isEqualTo(401);
    }

    @Test
    void theEtagAnswers304UntilABinOrItsStateChanges() throws SQLException {
        String etag = current("viewer-city", "/map/bins.geojson?zone=d2");
        ApiHarness.Response same = conditional("viewer-city", "/map/bins.geojson?zone=d2", etag);
        assertThat(same.status()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.header("ETag")).isEqualTo(etag);
        assertThat(conditional("viewer-city", "/map/bins.geojson?zone=d2", "W/\"x\", " + etag).status()).isEqualTo(304);
        assertThat(conditional("viewer-city", "/map/bins.geojson?zone=d2", "\"other\"").status()).isEqualTo(200);

        api.sql("UPDATE bin_state SET fill_pct = 91.5, last_seen_at = last_seen_at + interval '1 hour' WHERE bin_id = 'b4'");
        ApiHarness.Response changed = conditional("viewer-city", "/map/bins.geojson?zone=d2", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(byId(changed.json()).get("b4").getJsonObject("properties").getDouble("fillPct")).isEqualTo(91.5);

        etag = changed.header("ETag");
        api.sql("UPDATE bins SET threshold_pct = 65 WHERE id = 'b4'");
        changed = conditional("viewer-city", "/map/bins.geojson?zone=d2", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(byId(changed.json()).get("b4").getJsonObject("properties").getDouble("thresholdPct")).isEqualTo(65.0);

        etag = changed.header("ETag");
        api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES ('n1', 'c3', 'residual', 240, 1000, 30, 120)");
        changed = conditional("viewer-city", "/map/bins.geojson?zone=d2", etag);
        assertThat(byId(changed.json()).keySet()).containsExactlyInAnyOrder("b4", "n1");

        etag = changed.header("ETag");
        api.sql("UPDATE bins SET retired_at = now() WHERE id = 'n1'");
        changed = conditional("viewer-city", "/map/bins.geojson?zone=d2", etag);
        assertThat(byId(changed.json()).keySet()).containsExactly("b4");
        assertThat(current("operator-c1", "/map/bins.geojson")).isNotEqualTo(changed.header("ETag"));
    }

    @Test
    void aClientThatAcceptsGzipGetsTheSameFeaturesCompressedAndItsOwnEtag() throws Exception {
        String path = "/map/bins.geojson?zone=s1";
        HttpResponse<byte[]> plain = raw(path, Map.of());
        HttpResponse<byte[]> gzip = raw(path, Map.of("Accept-Encoding", "gzip, deflate"));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzip.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(gzip.body().length).isLessThan(plain.body().length / 4);
        assertThat(gunzip(gzip.body())).isEqualTo(plain.body());
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipTag).isEqualTo(plainTag.substring(0, plainTag.length() - 1) + "-gzip\"");
        // Either tag means the client holds the current features.
        assertThat(raw(path, Map.of("Accept-Encoding", "gzip", "If-None-Match", gzipTag)).statusCode()).isEqualTo(304);
        assertThat(raw(path, Map.of("Accept-Encoding", "gzip", "If-None-Match", plainTag)).statusCode()).isEqualTo(304);
        assertThat(raw(path, Map.of("If-None-Match", gzipTag)).statusCode()).isEqualTo(304);
        assertThat(raw(path, Map.of("Accept-Encoding", "gzip;q=0", "If-None-Match", "\"x\"")).headers()
                .firstValue("Content-Encoding")).isEmpty();

        // One zone changes: its features are encoded again, the other zone's are reused, and both encodings agree.
        api.sql("UPDATE bin_state SET fill_pct = 12.5, last_seen_at = last_seen_at + interval '2 hours' WHERE bin_id = 'b1'");
        HttpResponse<byte[]> plainAfter = raw(path, Map.of());
        HttpResponse<byte[]> gzipAfter = raw(path, Map.of("Accept-Encoding", "gzip"));
        assertThat(plainAfter.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(plainTag);
        assertThat(gunzip(gzipAfter.body())).isEqualTo(plainAfter.body());
        Map<String, JsonObject> after = byId(new JsonObject(new String(plainAfter.body(), StandardCharsets.UTF_8)));
        assertThat(after).hasSize(6002);
        assertThat(after.get("b1").getJsonObject("properties").getDouble("fillPct")).isEqualTo(12.5);
        assertThat(after.get("m00001")).isEqualTo(byId(new JsonObject(new String(plain.body(), StandardCharsets.UTF_8)))
                .get("m00001"));
    }

    @Test
    void concurrentRequestsForOneCachedAnswerAllGetItWhole() throws Exception {
        String path = "/map/bins.geojson";
        byte[] expected = raw(path, Map.of("Accept-Encoding", "gzip")).body();
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(HTTP.sendAsync(request(path, Map.of("Accept-Encoding", "gzip")), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (var a : answers) {
            assertThat(a.get().statusCode()).isEqualTo(200);
            assertThat(a.get().body()).isEqualTo(expected);
        }
        assertThat(byId(new JsonObject(new String(gunzip(expected), StandardCharsets.UTF_8)))).hasSize(6003);
    }

    @Test
    void withAMaximumAgeTheLastAnswerIsReusedUntilItsFingerprintsAreThatOld() throws Exception {
        FakeClock clock = FakeClock.at("2026-07-01T00:00:00Z");
        MapLayer layer = new MapLayer(api.db(), Duration.ofSeconds(1), clock);
        Principal viewer = new Principal("t", Role.VIEWER, "c3");
        MapLayer.Answer first = layer.answer(viewer, null, null, null);
        assertThat(first.status()).isEqualTo(200);
        api.sql("UPDATE bin_state SET fill_pct = 3.5, last_seen_at = last_seen_at + interval '3 hours' WHERE bin_id = 'b4'");
        clock.advance(Duration.ofMillis(999));
        MapLayer.Answer young = layer.answer(viewer, null, null, "gzip");
        assertThat(young.etag()).isEqualTo(MapLayer.gzipTag(first.etag()));
        assertThat(layer.answer(viewer, null, first.etag(), null).status()).isEqualTo(304);
        clock.advance(Duration.ofMillis(1));
        MapLayer.Answer old = layer.answer(viewer, null, first.etag(), null);
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.etag()).isNotEqualTo(first.etag());
        assertThat(byId(new JsonObject(old.body())).get("b4").getJsonObject("properties").getDouble("fillPct")).isEqualTo(3.5);
        // Another token zone or asked zone has its own last answer.
        assertThat(layer.answer(new Principal("t", Role.VIEWER, "*"), "c3", null, null).etag()).isEqualTo(old.etag());
        // Zero: every request reads the fingerprints.
        MapLayer exact = new MapLayer(api.db(), Duration.ZERO, clock);
        String before = exact.answer(viewer, null, null, null).etag();
        api.sql("UPDATE bin_state SET fill_pct = 4.5 WHERE bin_id = 'b4'");
        assertThat(exact.answer(viewer, null, before, null).status()).isEqualTo(200);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpRequest request(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer viewer-city");
        headers.forEach(b::header);
        return b.GET().build();
    }

    private static HttpResponse<byte[]> raw(String path, Map<String, String> headers) throws Exception {
        return HTTP.send(request(path, headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gzip) throws java.io.IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static String current(String token, String path) {
        ApiHarness.Response r = api.get(token, path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("ETag")).matches("\"[0-9a-f]{32}\"");
        return r.header("ETag");
    }

    private static ApiHarness.Response conditional(String token, String path, String ifNoneMatch) {
        return api.sendWith(Map.of("Authorization", "Bearer " + token, "If-None-Match", ifNoneMatch), "GET", path, null);
    }

    private static Map<String, JsonObject> byId(JsonObject collection) {
        Map<String, JsonObject> out = new HashMap<>();
        for (Object o : collection.getJsonArray("features", new io.vertx.core.json.JsonArray())) {
            JsonObject f = (JsonObject) o;
            out.put(f.getString("id"), f);
        }
        return out;
    }
}
