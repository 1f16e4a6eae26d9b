package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every operations endpoint: without a token (401), below its role (403), and across zones (404, never another
 * zone's data); mass assignment refused. None of these tests changes the fixture.
 */
class OperationsSecurityIT {
    static ApiHarness api;
    static OperationsFixture f;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_ops_security", Clock.systemUTC(), OperationsFixture.env(Map.of()));
        f = OperationsFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Method, path, body, lowest role. Writes aim at objects that do not exist, so nothing changes. */
    static Stream<Arguments> operations() {
        JsonObject cancel = new JsonObject().put("reason", "test");
        JsonObject reassign = new JsonObject().put("truckId", "t2");
        return Stream.of(
                Arguments.of("GET", "/jobs", null, "viewer"),
                Arguments.of("GET", "/jobs/999999", null, "viewer"),
                Arguments.of("POST", "/jobs", new JsonObject().put("binId", "no-such-bin"), "operator"),
                Arguments.of("POST", "/jobs/999999/reassign", reassign, "dispatcher"),
                Arguments.of("POST", "/jobs/999999/cancel", cancel, "dispatcher"),
                Arguments.of("GET", "/alarms", null, "viewer"),
                Arguments.of("POST", "/alarms/999999/acknowledge", null, "operator"),
                Arguments.of("POST", "/alarms/999999/clear", null, "operator"),
                Arguments.of("GET", "/trucks", null, "dispatcher"),
                Arguments.of("GET", "/trucks/t1", null, "dispatcher"),
                Arguments.of("GET", "/trucks/t1/positions", null, "dispatcher"),
                Arguments.of("GET", "/routes", null, "dispatcher"),
                Arguments.of("GET", "/routes/999999", null, "dispatcher"),
                Arguments.of("GET", "/facilities", null, "viewer"),
                Arguments.of("GET", "/events", null, "viewer"));
    }

    @ParameterizedTest(name = "{0} {1} without a valid token is 401")
    @MethodSource("operations")
    void everyOperationNeedsAToken(String method, String path, JsonObject body, String minRole) {
        for (String token : new String[] {null, "wrong-token"}) {
            ApiHarness.Response r = send(token, method, path, body);
            assertThat(r.status()).as("%s %s with %s", method, path, token).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("unauthorized");
        }
    }

    @ParameterizedTest(name = "{0} {1} needs {3}")
    @MethodSource("operations")
    void rolesBelowTheMinimumAre403AndTheOthersPass(String method, String path, JsonObject body, String minRole) {
        List<String> ladder = List.of("viewer-c1", "operator-c1", "dispatcher-s1", "admin-city");
        int min = List.of("viewer", "operator", "dispatcher", "admin").indexOf(minRole);
        for (int i = 0; i < ladder.size(); i++) {
            if (i < min) {
                ApiHarness.Response r = send(ladder.get(i), method, path, body);
                assertThat(r.status()).as("%s %s as %s", method, path, ladder.get(i)).isEqualTo(403);
                assertThat(r.errorCode()).isEqualTo("forbidden");
            } else if (!path.equals("/events")) {
                // The event stream never ends by itself: EventsIT opens it for each role.
                ApiHarness.Response r = send(ladder.get(i), method, path, body);
                assertThat(r.status()).as("%s %s as %s: %s", method, path, ladder.get(i), r.body()).isNotIn(401, 403, 500);
            }
        }
    }

    @Test
    void jobsOfAnotherZoneAreNotFoundAndNeverListed() {
        long other = f.jobs.get("dispatched"); // b3, community c2
        assertThat(jobIds(api.get("operator-c1", "/jobs"))).containsExactlyInAnyOrder(f.jobs.get("open"), f.jobs.get("collected"));
        assertThat(jobIds(api.get("viewer-c3", "/jobs"))).containsExactly(f.jobs.get("planned"));
        assertThat(jobIds(api.get("dispatcher-s1", "/jobs"))).doesNotContain(f.jobs.get("planned")).hasSize(3);
        assertThat(jobIds(api.get("operator-c1", "/jobs?zone=c2"))).isEmpty();
        assertThat(jobIds(api.get("operator-c1", "/jobs?truck=t1"))).containsExactly(f.jobs.get("collected"));
        ApiHarness.Response foreign = api.get("operator-c1", "/jobs/" + other);
        ApiHarness.Response missing = api.get("operator-c1", "/jobs/999999");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body().replace("999999", Long.toString(other)));
        // Writes to another zone's job: 404 as well, and nothing changes.
        assertThat(api.post("dispatcher-c3", "/jobs/" + other + "/cancel", new JsonObject().put("reason", "x")).status()).isEqualTo(404);
        assertThat(api.post("dispatcher-c3", "/jobs/" + other + "/reassign", new JsonObject().put("truckId", "t2")).status()).isEqualTo(404);
        assertThat(api.get("admin-city", "/jobs/" + other).json().getString("state")).isEqualTo("dispatched");
        // A manual job for another zone's bin names no such bin.
        ApiHarness.Response create = api.post("operator-c1", "/jobs", new JsonObject().put("binId", "b4"));
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.errorCode()).isEqualTo("unknown_bin");
    }

    @Test
    void alarmsOfAnotherZoneAreNotFoundAndNeverListed() {
        assertThat(ids(api.get("operator-c1", "/alarms"))).containsExactly(f.alarms.get("fire"));
        assertThat(ids(api.get("viewer-c3", "/alarms"))).containsExactly(f.alarms.get("tamper"));
        assertThat(api.post("operator-c1", "/alarms/" + f.alarms.get("tilt") + "/acknowledge", null).status()).isEqualTo(404);
        assertThat(api.post("operator-c1", "/alarms/" + f.alarms.get("tamper") + "/clear", null).status()).isEqualTo(404);
        assertThat(api.get("admin-city", "/alarms?state=live").json().getJsonArray("items")).hasSize(3);
    }

    @Test
    void theStopsOfAPartialRouteAreNumberedOneToN() {
        long r1 = f.routes.get("r1");
        // Whole city: seq as published, 1..5.
        assertThat(seqs(api.get("admin-city", "/routes/" + r1).json())).containsExactly(1, 2, 3, 4, 5);
        // s1 sees b1, b3, unload, depot: 1..4, nothing telling that b4's stop was between b3 and the unload.
        assertThat(seqs(api.get("dispatcher-s1", "/routes/" + r1).json())).containsExactly(1, 2, 3, 4);
        // c3 sees b4, unload, depot: 1..3.
        assertThat(seqs(api.get("dispatcher-c3", "/routes/" + r1).json())).containsExactly(1, 2, 3);
    }

    private static List<Integer> seqs(JsonObject route) {
        return route.getJsonObject("message").getJsonArray("stops").stream()
                .map(o -> ((JsonObject) o).getInteger("seq")).toList();
    }

    @Test
    void aZoneScopedTokenSeesOnlyRoutesThroughItsZoneAndNoOtherZonesBins() {
        long r1 = f.routes.get("r1");
        long r2 = f.routes.get("r2");
        // Whole city: both routes, whole.
        assertThat(ids(api.get("admin-city", "/routes"))).containsExactly(r2, r1);
        JsonObject whole = api.get("admin-city", "/routes/" + r1).json();
        assertThat(whole.getBoolean("partial")).isFalse();
        assertThat(binIds(whole)).containsExactly("b1", "b3", "b4");
        // Street s1: r1 without b4 (district d2); r2 goes through d2 only.
        assertThat(ids(api.get("dispatcher-s1", "/routes"))).containsExactly(r1);
        JsonObject s1 = api.get("dispatcher-s1", "/routes/" + r1).json();
        assertThat(s1.getBoolean("partial")).isTrue();
        assertThat(binIds(s1)).containsExactly("b1", "b3");
        assertThat(s1.getInteger("stops")).isEqualTo(4);
        assertThat(s1.getJsonObject("message").getJsonArray("stops").stream()
                .map(o -> ((JsonObject) o).getString("kind"))).contains("unload", "depot");
        assertThat(s1.encode()).doesNotContain("\"b4\"").doesNotContain("\"jobId\":" + f.jobs.get("planned") + ",");
        ApiHarness.Response hidden = api.get("dispatcher-s1", "/routes/" + r2);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(api.get("dispatcher-s1", "/routes/999999").body().replace("999999", Long.toString(r2)));
        // Community c3: both routes, each with b4 only.
        assertThat(ids(api.get("dispatcher-c3", "/routes"))).containsExactly(r2, r1);
        assertThat(binIds(api.get("dispatcher-c3", "/routes/" + r1).json())).containsExactly("b4");
        assertThat(api.get("dispatcher-c3", "/routes/" + r2).json().getBoolean("partial")).isFalse();
    }

    @Test
    void fleetDataIsForDispatchersOfAnyZoneAndFacilitiesForEveryone() {
        assertThat(api.get("dispatcher-c3", "/trucks").json().getJsonArray("items")).hasSize(4);
        assertThat(api.get("operator-city", "/trucks").status()).isEqualTo(403);
        assertThat(api.get("operator-city", "/trucks/t1/positions").status()).isEqualTo(403);
        assertThat(api.get("viewer-c1", "/facilities").json().getJsonArray("items")).hasSize(2);
    }

    @ParameterizedTest(name = "POST /jobs refuses {0}")
    @ValueSource(strings = {"{\"binId\":\"b1\",\"state\":\"verified\"}", "{\"binId\":\"b1\",\"id\":5}",
            "{\"binId\":\"b1\",\"truckId\":\"t1\"}", "{\"binId\":\"b1\",\"reason\":\"threshold\"}",
            "{\"binId\":\"b1\",\"createdAt\":\"2026-01-01T00:00:00Z\"}", "{\"binId\":\"b1\",\"priority\":\"whenever\"}",
            "{\"priority\":\"urgent\"}", "{\"binId\":\"b1\",\"announcedAt\":null}", "[]", "not json"})
    void massAssignmentOnCreateIsRefused(String body) {
        ApiHarness.Response r = api.send("operator-c1", "POST", "/jobs", body, "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_request");
        assertThat(jobIds(api.get("admin-city", "/jobs?reason=manual"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "reassign|{\"truckId\":\"t2\",\"state\":\"open\"}",
            "reassign|{\"truckId\":\"t2\",\"binId\":\"b4\"}",
            "reassign|{}",
            "cancel|{}",
            "cancel|{\"reason\":\"\"}",
            "cancel|{\"reason\":\"   \"}",
            "cancel|{\"reason\":\"x\",\"state\":\"verified\"}"})
    void massAssignmentOnMovesIsRefused(String action, String body) {
        long job = f.jobs.get("open");
        ApiHarness.Response r = api.send("admin-city", "POST", "/jobs/" + job + "/" + action, body, "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("admin-city", "/jobs/" + job).json().getString("state")).isEqualTo("open");
    }

    @Test
    void idsThatAreNotNumbersAre400() {
        assertThat(api.get("admin-city", "/jobs/abc").status()).isEqualTo(400);
        assertThat(api.get("admin-city", "/jobs/0").status()).isEqualTo(400);
        assertThat(api.post("admin-city", "/alarms/-1/clear", null).status()).isEqualTo(400);
        assertThat(api.get("admin-city", "/routes/12345678901234567890").status()).isEqualTo(400);
    }

    private static ApiHarness.Response send(String token, String method, String path, JsonObject body) {
        return api.send(token, method, path, body == null ? null : body.encode(), body == null ? null : "application/json");
    }

    static List<Long> jobIds(ApiHarness.Response r) {
        return ids(r);
    }

    static List<Long> ids(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    }

    static List<String> binIds(JsonObject route) {
        JsonArray stops = route.getJsonObject("message").getJsonArray("stops");
        return stops.stream().map(o -> (JsonObject) o).filter(s -> "bin".equals(s.getString("kind")))
                .map(s -> s.getString("binId")).toList();
    }
}
