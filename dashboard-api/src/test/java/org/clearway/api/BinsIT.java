package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.api.ApiSecurityIT.features;
import static org.clearway.api.ApiSecurityIT.ids;
import static org.clearway.api.ApiSecurityIT.newBin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bin resources: list with filters, pages and caps; create, patch, retire, import; GeoJSON. */
class BinsIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_bins", Clock.systemUTC(), Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** The fixture's bins only: other tests of this class add more. */
    static List<String> fixture(ApiHarness.Response r) {
        return ids(r).stream().filter(id -> id.matches("b[0-9]")).toList();
    }

    @Test
    void filtersByZoneStreamBboxAndRetirement() {
        assertThat(fixture(api.get("viewer-city", "/bins?zone=d1"))).containsExactly("b1", "b3");
        assertThat(fixture(api.get("viewer-city", "/bins?zone=s1&retired=true"))).containsExactly("b1", "b2", "b3");
        assertThat(fixture(api.get("viewer-city", "/bins?stream=residual"))).containsExactly("b1", "b4");
        assertThat(fixture(api.get("viewer-city", "/bins?bbox=121.3,31.1,121.45,31.25"))).containsExactly("b1");
        assertThat(fixture(api.get("viewer-city", "/bins?zone=c1&stream=recyclable"))).isEmpty();
    }

    @Test
    void oneBinHasAllItsFields() {
        JsonObject b1 = api.get("viewer-c1", "/bins/b1").json();
        assertThat(b1.fieldNames()).containsExactlyInAnyOrder("id", "zoneId", "stream", "volumeL", "depthMm",
                "sensorOffsetMm", "lat", "lon", "thresholdPct", "createdAt", "retiredAt", "nextVisit");
        assertThat(b1.getString("zoneId")).isEqualTo("c1");
        assertThat(b1.getInteger("sensorOffsetMm")).isEqualTo(50);
        assertThat(b1.getValue("retiredAt")).isNull();
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = api.get("viewer-city", "/bins?retired=true&limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getString("id")));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).startsWith("b1", "b2", "b3", "b4").doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bins?limit=501", "/bins?limit=0", "/bins?limit=abc", "/bins?stream=NOT-A-STREAM",
            "/bins?retired=maybe", "/bins.geojson?limit=5001", "/rejected-messages?limit=1000"})
    void capsAndTypesAreEnforcedByTheContract(String path) {
        ApiHarness.Response r = api.get("admin-city", path);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,2,3", "10,10,5,5", "-200,0,0,1"})
    void badBoundingBoxesAre400(String bbox) {
        ApiHarness.Response r = api.get("viewer-city", "/bins?bbox=" + bbox);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isIn("invalid_bbox", "invalid_request");
    }

    @Test
    void createsABinAndRefusesDuplicatesAndUnknownStreams() {
        ApiHarness.Response created = api.post("operator-c1", "/bins", newBin("new-1", "c1").put("thresholdPct", 75));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getString("createdAt")).isNotNull();
        assertThat(created.json().getDouble("thresholdPct")).isEqualTo(75.0);
        assertThat(api.get("viewer-c1", "/bins/new-1").status()).isEqualTo(200);
        assertThat(api.post("operator-c1", "/bins", newBin("new-1", "c1")).status()).isEqualTo(409);
        ApiHarness.Response stream = api.post("operator-c1", "/bins", newBin("new-2", "c1").put("stream", "plutonium"));
        assertThat(stream.status()).isEqualTo(400);
        assertThat(stream.errorCode()).isEqualTo("unknown_reference");
        assertThat(api.post("operator-c1", "/bins", newBin("new-3", "nowhere")).errorCode()).isEqualTo("unknown_zone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"createdAt", "retiredAt", "created_at", "retired_at", "isAdmin"})
    void massAssignmentIsRefused(String field) {
        ApiHarness.Response create = api.post("admin-city", "/bins", newBin("mass-" + field.length(), "c1")
                .put(field, "2020-01-01T00:00:00Z"));
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.errorCode()).isEqualTo("invalid_request");
        ApiHarness.Response patch = api.patch("admin-city", "/bins/b1", new JsonObject().put(field, "2020-01-01T00:00:00Z"));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(api.patch("admin-city", "/bins/b1", new JsonObject().put("id", "b9")).status()).isEqualTo(400);
        assertThat(api.get("admin-city", "/bins/mass-" + field.length()).status()).isEqualTo(404);
        assertThat(api.get("admin-city", "/bins/b1").json().getValue("retiredAt")).isNull();
    }

    @Test
    void createValidatesValues() {
        assertThat(api.post("operator-city", "/bins", newBin("v1", "c1").put("depthMm", 0)).status()).isEqualTo(400);
        assertThat(api.post("operator-city", "/bins", newBin("v2", "c1").put("lat", 91)).status()).isEqualTo(400);
        assertThat(api.post("operator-city", "/bins", newBin("bad id!", "c1")).status()).isEqualTo(400);
        assertThat(api.post("operator-city", "/bins", newBin("v3", "c1").put("volumeL", "big")).status()).isEqualTo(400);
        assertThat(api.send("operator-city", "POST", "/bins", "{not json", "application/json").status()).isEqualTo(400);
        assertThat(api.post("operator-city", "/bins", new JsonObject().put("id", "v4")).status()).isEqualTo(400);
    }

    @Test
    void patchChangesOnlyTheGivenFieldsWithinTheScope() {
        api.post("operator-c1", "/bins", newBin("patch-1", "c1"));
        ApiHarness.Response r = api.patch("operator-c1", "/bins/patch-1",
                new JsonObject().put("volumeL", 360).put("thresholdPct", 90));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getDouble("volumeL")).isEqualTo(360.0);
        assertThat(r.json().getDouble("thresholdPct")).isEqualTo(90.0);
        assertThat(r.json().getInteger("depthMm")).isEqualTo(1000);
        JsonObject cleared = api.patch("operator-c1", "/bins/patch-1", new JsonObject().putNull("thresholdPct")).json();
        assertThat(cleared.getValue("thresholdPct")).isNull();
        assertThat(api.patch("operator-c1", "/bins/patch-1", new JsonObject()).status()).isEqualTo(400);
        // A street's dispatcher may move it to the neighbouring community; then c1's officer loses it.
        assertThat(api.patch("dispatcher-s1", "/bins/patch-1", new JsonObject().put("zoneId", "c2")).status()).isEqualTo(200);
        assertThat(api.get("operator-c1", "/bins/patch-1").status()).isEqualTo(404);
        assertThat(api.patch("operator-c1", "/bins/patch-1", new JsonObject().put("volumeL", 1)).status()).isEqualTo(404);
    }

    @Test
    void retireOnceThenConflict() {
        api.post("operator-c1", "/bins", newBin("retire-1", "c1"));
        ApiHarness.Response r = api.post("operator-c1", "/bins/retire-1/retire", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getString("retiredAt")).isNotNull();
        ApiHarness.Response again = api.post("operator-c1", "/bins/retire-1/retire", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("already_retired");
        assertThat(ids(api.get("operator-c1", "/bins"))).doesNotContain("retire-1");
        assertThat(features(api.get("operator-c1", "/bins.geojson"))).doesNotContain("retire-1");
    }

    @Test
    void importReportsEveryLine() {
        String csv = """
                id,zoneId,stream,volumeL,depthMm,sensorOffsetMm,lat,lon,thresholdPct
                imp-1,c1,residual,240,1000,20,31.2,121.4,
                imp-2,c1,kitchen,120,800,,31.2,121.4,70
                imp-3,c2,residual,240,1000,0,31.2,121.4,
                imp-4,c1,residual,-5,1000,0,31.2,121.4,
                imp-1,c1,residual,240,1000,0,31.2,121.4,
                imp-5,c1,plutonium,240,1000,0,31.2,121.4,
                """;
        ApiHarness.Response r = api.send("operator-c1", "POST", "/bins/import", csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject report = r.json();
        assertThat(report.getInteger("created")).isEqualTo(2);
        assertThat(report.getInteger("failed")).isEqualTo(4);
        JsonArray lines = report.getJsonArray("lines");
        assertThat(lines.stream().map(o -> ((JsonObject) o).getString("code")))
                .containsExactly(null, null, "unknown_zone", "invalid_value", "conflict", "unknown_reference");
        assertThat(lines.getJsonObject(0).getInteger("line")).isEqualTo(2);
        assertThat(api.get("viewer-c1", "/bins/imp-2").json().getDouble("thresholdPct")).isEqualTo(70.0);
        assertThat(api.get("viewer-c1", "/bins/imp-1").json().getInteger("sensorOffsetMm")).isEqualTo(20);
    }

    @Test
    void importRefusesBadHeadersAndProtectedColumns() {
        for (String header : new String[] {"id,zoneId,stream", "id,zoneId,stream,volumeL,depthMm,lat,lon,createdAt"}) {
            ApiHarness.Response r = api.send("operator-c1", "POST", "/bins/import", header + "\n", "text/plain");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("bad_header");
        }
        String tooMany = "id,zoneId,stream,volumeL,depthMm,lat,lon\n" + "x,c1,residual,1,1,0,0\n".repeat(5001);
        assertThat(api.send("operator-c1", "POST", "/bins/import", tooMany, "text/plain").errorCode())
                .isEqualTo("too_many_lines");
        assertThat(api.send("operator-c1", "POST", "/bins/import", "{}", "application/json").status()).isEqualTo(415);
    }

    @Test
    void geoJsonIsAFeatureCollectionWithState() {
        ApiHarness.Response r = api.get("viewer-city", "/bins.geojson?zone=d1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/geo+json");
        JsonObject collection = r.json();
        assertThat(collection.getString("type")).isEqualTo("FeatureCollection");
        assertThat(collection.getBoolean("truncated")).isFalse();
        JsonObject b1 = collection.getJsonArray("features").stream().map(o -> (JsonObject) o)
                .filter(f -> f.getString("id").equals("b1")).findFirst().orElseThrow();
        assertThat(b1.getString("type")).isEqualTo("Feature");
        assertThat(b1.getJsonObject("geometry").getString("type")).isEqualTo("Point");
        assertThat(b1.getJsonObject("geometry").getJsonArray("coordinates").getList()).containsExactly(121.40, 31.20);
        JsonObject props = b1.getJsonObject("properties");
        assertThat(props.getDouble("fillPct")).isEqualTo(32.0);
        assertThat(props.getDouble("thresholdPct")).isEqualTo(80.0);
        assertThat(props.getJsonArray("alarms").getList()).containsExactly("fire");
        assertThat(features(api.get("viewer-city", "/bins.geojson?bbox=119,29,121,31"))).containsExactly("b4");
        assertThat(features(api.get("viewer-city", "/bins.geojson?stream=recyclable"))).containsExactly("b3");
        JsonObject truncated = api.get("viewer-city", "/bins.geojson?limit=1").json();
        assertThat(truncated.getJsonArray("features")).hasSize(1);
        assertThat(truncated.getBoolean("truncated")).isTrue();
    }

    @Test
    void theGeoJsonLayerIsFetchedWholeByItsCursor() {
        List<String> whole = features(api.get("viewer-city", "/bins.geojson?limit=5000"));
        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            JsonObject r = api.get("viewer-city", "/bins.geojson?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            r.getJsonArray("features").forEach(f -> paged.add(((JsonObject) f).getString("id")));
            cursor = r.getString("nextCursor");
            assertThat(r.getBoolean("truncated")).isEqualTo(cursor != null);
            if (cursor == null) {
                break;
            }
        }
        assertThat(whole).hasSizeGreaterThan(1);
        assertThat(paged).isEqualTo(whole);
    }
}
