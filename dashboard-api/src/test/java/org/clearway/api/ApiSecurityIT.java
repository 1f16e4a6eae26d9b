package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Tokens, roles and zone scope on every endpoint; the contract is public; the error shape. */
class ApiSecurityIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_security", Clock.systemUTC(), Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Every operation, as method and path, with the lowest role allowed; none of them changes the fixture. */
    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of("GET", "/zones", "viewer"),
                Arguments.of("GET", "/bins", "viewer"),
                Arguments.of("GET", "/bins.geojson", "viewer"),
                Arguments.of("GET", "/bins/b1", "viewer"),
                Arguments.of("GET", "/bins/b1/state", "viewer"),
                Arguments.of("GET", "/bins/b1/readings", "viewer"),
                Arguments.of("GET", "/rejected-messages", "operator"),
                Arguments.of("POST", "/bins", "operator"),
                Arguments.of("PATCH", "/bins/no-such-bin", "operator"),
                Arguments.of("POST", "/bins/no-such-bin/retire", "operator"),
                Arguments.of("POST", "/bins/import", "operator"));
    }

    @ParameterizedTest(name = "{0} {1} without a token is 401")
    @MethodSource("operations")
    void everyOperationNeedsAToken(String method, String path, String minRole) {
        for (String token : new String[] {null, "wrong-token", ""}) {
            ApiHarness.Response r = api.send(token, method, path, null, null);
            assertThat(r.status()).as("%s %s with %s", method, path, token).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("unauthorized");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
        ApiHarness.Response basic = api.send(null, method, path, null, null);
        assertThat(basic.json().getJsonObject("error").fieldNames()).containsExactlyInAnyOrder("status", "code", "message");
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @MethodSource("operations")
    void rolesBelowTheMinimumAre403(String method, String path, String minRole) {
        // viewer-c1 and operator-c1 see b1; a role below the minimum is refused before anything else.
        String below = switch (minRole) {
            case "viewer" -> null;
            case "operator" -> "viewer-c1";
            default -> throw new IllegalArgumentException(minRole);
        };
        if (below != null) {
            ApiHarness.Response r = api.send(below, method, path, "{}", "application/json");
            assertThat(r.status()).as("%s %s as %s", method, path, below).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("forbidden");
        }
        // The minimum role and the roles above it get past the role check (whatever the body's fate).
        String[] allowed = minRole.equals("viewer")
                ? new String[] {"viewer-c1", "operator-c1", "dispatcher-s1", "admin-city"}
                : new String[] {"operator-c1", "dispatcher-s1", "admin-city"};
        for (String token : allowed) {
            ApiHarness.Response r = api.send(token, method, path, null, null);
            assertThat(r.status()).as("%s %s as %s", method, path, token).isNotIn(401, 403);
        }
    }

    @Test
    void theContractIsServedWithoutAToken() {
        ApiHarness.Response r = api.get(null, "/openapi.yaml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/yaml");
        assertThat(r.body()).contains("openapi: 3.1.0").contains("operationId: listBins");
    }

    @Test
    void healthNeedsNoToken() {
        ApiHarness.Response r = api.get(null, "/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().getString("database")).isEqualTo("UP");
    }

    @Test
    void bodiesOverOneMebibyteAre413() {
        String big = "id,zoneId,stream,volumeL,depthMm,lat,lon\n" + "x".repeat(1024 * 1024 + 1);
        ApiHarness.Response r = api.send("operator-c1", "POST", "/bins/import", big, "text/csv");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("too_large");
    }

    @Test
    void unknownPathsAnswerTheErrorShape() {
        ApiHarness.Response r = api.get("admin-city", "/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().getJsonObject("error").getInteger("status")).isEqualTo(404);
    }

    /** The paths are public (openapi.yaml is served without a token): an unknown one is 404 for everyone. */
    @ParameterizedTest(name = "{0} gets 404 for an unknown path and 405 for an unknown method")
    @CsvSource(value = {"NONE", "wrong-token", "viewer-c1", "operator-c1", "dispatcher-s1", "admin-city"}, nullValues = "NONE")
    void unknownPathsAre404ForEveryRoleAndWithoutAToken(String token) {
        for (String path : List.of("/nothing-here", "/bins/b1/nothing", "/admin", "/jobs/1/delete")) {
            ApiHarness.Response r = api.get(token, path);
            assertThat(r.status()).as("%s GET %s: %s", token, path, r.body()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("not_found");
        }
        ApiHarness.Response delete = api.send(token, "DELETE", "/bins/b1", null, null);
        assertThat(delete.status()).as("%s DELETE /bins/b1: %s", token, delete.body()).isEqualTo(405);
        assertThat(delete.errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void aCommunityOfficerSeesNothingOfAnotherCommunity() {
        // b3 is in c2; operator-c1 sees c1 only.
        assertThat(ids(api.get("operator-c1", "/bins?retired=true"))).containsExactly("b1", "b2");
        assertThat(api.get("operator-c1", "/bins?zone=c2").json().getJsonArray("items")).isEmpty();
        assertThat(features(api.get("operator-c1", "/bins.geojson"))).containsExactly("b1");
        assertThat(api.get("operator-c1", "/bins/b3").status()).isEqualTo(404);
        assertThat(api.get("operator-c1", "/bins/b3/state").status()).isEqualTo(404);
        assertThat(api.get("operator-c1", "/bins/b3/readings").status()).isEqualTo(404);
        ApiHarness.Response patch = api.patch("operator-c1", "/bins/b3", new JsonObject().put("volumeL", 1));
        assertThat(patch.status()).isEqualTo(404);
        assertThat(patch.errorCode()).isEqualTo("not_found");
        assertThat(api.post("operator-c1", "/bins/b3/retire", null).status()).isEqualTo(404);
        // Moving an own bin into another community, or creating one there, is refused too.
        assertThat(api.patch("operator-c1", "/bins/b1", new JsonObject().put("zoneId", "c2")).errorCode())
                .isEqualTo("unknown_zone");
        assertThat(api.post("operator-c1", "/bins", newBin("x-c2", "c2")).errorCode()).isEqualTo("unknown_zone");
        // The 404 of another zone's bin is the same as for a bin that does not exist.
        ApiHarness.Response missing = api.get("operator-c1", "/bins/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(api.get("operator-c1", "/bins/b3").body().replace("b3", "nope"));
        // Rejects: only those of the token's bins.
        assertThat(api.get("operator-c1", "/rejected-messages").json().getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("binId"))).containsExactly("b1");
        // Zones: only its own.
        assertThat(api.get("operator-c1", "/zones").json().getJsonArray("zones").stream()
                .map(o -> ((JsonObject) o).getString("id"))).containsExactly("c1");
        // The other community's officer sees b3 and not b1.
        assertThat(ids(api.get("operator-c2", "/bins"))).containsExactly("b3");
        assertThat(api.get("operator-c2", "/bins/b1").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} sees {1}")
    @CsvSource({
            "viewer-city, b1 b3 b4",
            "admin-city, b1 b3 b4",
            "viewer-c1, b1",
            "operator-c2, b3",
            "dispatcher-s1, b1 b3"})
    void listsAreZoneScoped(String token, String expected) {
        assertThat(ids(api.get(token, "/bins"))).containsExactly(expected.split(" "));
        for (String bin : new String[] {"b1", "b3", "b4"}) {
            int status = api.get(token, "/bins/" + bin).status();
            assertThat(status).as("%s GET %s", token, bin).isEqualTo(expected.contains(bin) ? 200 : 404);
        }
    }

    @Test
    void aStreetScopeSeesItsCommunitiesInTheTree() {
        JsonObject street = api.get("dispatcher-s1", "/zones").json().getJsonArray("zones").getJsonObject(0);
        assertThat(street.getString("id")).isEqualTo("s1");
        assertThat(street.getJsonArray("children").stream().map(o -> ((JsonObject) o).getString("id")))
                .containsExactly("c1", "c2");
    }

    static JsonObject newBin(String id, String zone) {
        return new JsonObject().put("id", id).put("zoneId", zone).put("stream", "residual").put("volumeL", 240)
                .put("depthMm", 1000).put("lat", 31.2).put("lon", 121.4);
    }

    static java.util.List<String> ids(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    static java.util.List<String> features(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("features").stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }
}
