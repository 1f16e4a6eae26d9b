package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.clearway.api.resources.ZoneQueries;
import org.clearway.api.security.Principal;
import org.clearway.api.security.Role;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /zones} served encoded (docs/api.md, "Zones"): a strong ETag, 304 for it, the same bytes again within
 * CLEARWAY_API_ZONES_MAX_AGE (here 60 s, so a bin added is not shown yet), one tree per token zone (a community's
 * token never gets the city's tree kept for another token), and a new tree once the maximum age has passed (on the
 * same database, with a clock the test moves).
 */
class ZoneTreeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_zone_tree", Clock.systemUTC(), Map.of("CLEARWAY_API_ZONES_MAX_AGE", "60s"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theTreeHasAStrongETagAnd304AndIsReusedWithinTheMaximumAge() throws Exception {
        HttpResponse<String> first = get("viewer-city", null);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(activeBins(new JsonObject(first.body()), "c1")).isEqualTo(1);

        HttpResponse<String> notModified = get("viewer-city", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(get("viewer-city", "\"other\"").statusCode()).isEqualTo(200);

        api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES ('zt1', 'c1', 'residual', 240, 1000, 31.2, 121.4)");
        try {
            HttpResponse<String> again = get("viewer-city", null);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("ETag")).contains(etag);
        } finally {
            api.sql("DELETE FROM bins WHERE id = 'zt1'");
        }
    }

    @Test
    void eachTokenZoneHasItsOwnTree() throws Exception {
        assertThat(get("viewer-city", null).statusCode()).isEqualTo(200);
        HttpResponse<String> community = get("viewer-c1", null);
        JsonArray roots = new JsonObject(community.body()).getJsonArray("zones");
        assertThat(roots).hasSize(1);
        assertThat(roots.getJsonObject(0).getString("id")).isEqualTo("c1");
        assertThat(community.body()).doesNotContain("\"c2\"").doesNotContain("\"d2\"");
        String cityTag = get("viewer-city", null).headers().firstValue("ETag").orElseThrow();
        assertThat(get("viewer-c1", cityTag).statusCode()).isEqualTo(200);
        // Another token of the same zone gets the same tree.
        HttpResponse<String> operator = get("operator-c1", null);
        assertThat(operator.headers().firstValue("ETag")).isEqualTo(community.headers().firstValue("ETag"));
    }

    @Test
    void aChangeShowsOnceTheMaximumAgeHasPassed() throws Exception {
        FakeClock clock = FakeClock.at("2026-12-07T00:00:00Z");
        ZoneQueries zones = new ZoneQueries(api.db(), Duration.ofSeconds(1), clock);
        Principal city = new Principal("t", Role.VIEWER, Principal.WHOLE_CITY);
        ZoneQueries.Answer before = zones.answer(city, null);
        api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES ('zt2', 'c2', 'residual', 240, 1000, 31.2, 121.4)");
        try {
            clock.advance(Duration.ofMillis(999));
            assertThat(zones.answer(city, null).etag()).isEqualTo(before.etag());
            assertThat(zones.answer(city, before.etag()).status()).isEqualTo(304);
            clock.advance(Duration.ofMillis(1));
            ZoneQueries.Answer after = zones.answer(city, before.etag());
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.etag()).isNotEqualTo(before.etag());
            assertThat(activeBins(new JsonObject(after.body()), "c2")).isEqualTo(2);
            assertThat(activeBins(new JsonObject(before.body()), "c2")).isEqualTo(1);
        } finally {
            api.sql("DELETE FROM bins WHERE id = 'zt2'");
        }
        // Without a maximum age every answer is read again.
        ZoneQueries fresh = new ZoneQueries(api.db(), Duration.ZERO, clock);
        assertThat(activeBins(new JsonObject(fresh.answer(city, null).body()), "c2")).isEqualTo(1);
    }

    private static HttpResponse<String> get(String token, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + "/zones")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A zone's activeBins anywhere in the tree. */
    private static long activeBins(JsonObject tree, String id) {
        return find(tree.getJsonArray("zones"), id).getLong("activeBins");
    }

    private static JsonObject find(JsonArray zones, String id) {
        for (Object o : zones) {
            JsonObject z = (JsonObject) o;
            if (z.getString("id").equals(id)) {
                return z;
            }
            JsonObject below = find(z.getJsonArray("children"), id);
            if (below != null) {
                return below;
            }
        }
        return null;
    }
}
