package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.clearway.api.security.TokenRegistry;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alarms (filters, acknowledge, clear), trucks with their last position and shift, positions, routes, facilities. */
class AlarmsAndFleetIT {
    static final FakeClock CLOCK = FakeClock.at(OperationsFixture.T0.plus(Duration.ofHours(1)).toString());
    static ApiHarness api;
    static OperationsFixture f;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_alarms_fleet", CLOCK, OperationsFixture.env(Map.of()));
        f = OperationsFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void alarmFilters() {
        assertThat(ids("/alarms")).containsExactly(f.alarms.get("tamper"), f.alarms.get("tilt"), f.alarms.get("fire"));
        assertThat(ids("/alarms?kind=tilt")).containsExactly(f.alarms.get("tilt"));
        assertThat(ids("/alarms?bin=b4")).containsExactly(f.alarms.get("tamper"));
        assertThat(ids("/alarms?zone=s1")).containsExactly(f.alarms.get("tilt"), f.alarms.get("fire"));
        assertThat(ids("/alarms?state=acknowledged")).containsExactly(f.alarms.get("tamper"));
        assertThat(ids("/alarms?from=" + OperationsFixture.T0.plusSeconds(5) + "&to=" + OperationsFixture.T0.plusSeconds(15)))
                .containsExactly(f.alarms.get("tilt"));
        assertThat(api.get("admin-city", "/alarms?kind=smoke").status()).isEqualTo(400);
        JsonObject page = api.get("admin-city", "/alarms?limit=2").json();
        assertThat(page.getString("nextCursor")).isEqualTo(Long.toString(f.alarms.get("tilt")));
    }

    @Test
    void acknowledgeThenClearRecordingWhoAndWhen() throws Exception {
        long id = OperationsFixture.id(api, "INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at)"
                + " VALUES ('b1', 'lid_open', 'sensor', ?, ?) RETURNING id", OperationsFixture.T0, OperationsFixture.T0);
        String operator = "token:" + TokenRegistry.sha256("operator-c1").substring(0, 12);
        JsonObject acked = api.post("operator-c1", "/alarms/" + id + "/acknowledge", null).json();
        assertThat(acked.getString("state")).isEqualTo("acknowledged");
        assertThat(acked.getString("acknowledgedBy")).isEqualTo(operator);
        assertThat(acked.getString("acknowledgedAt")).isEqualTo(CLOCK.instant().toString());
        ApiHarness.Response twice = api.post("operator-c1", "/alarms/" + id + "/acknowledge", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().getJsonObject("error").getString("message")).contains("is acknowledged");
        CLOCK.advance(Duration.ofMinutes(5));
        JsonObject cleared = api.post("admin-city", "/alarms/" + id + "/clear", null).json();
        assertThat(cleared.getString("state")).isEqualTo("cleared");
        assertThat(cleared.getString("clearedBy")).isEqualTo("token:" + TokenRegistry.sha256("admin-city").substring(0, 12));
        assertThat(cleared.getString("clearedAt")).isEqualTo(CLOCK.instant().toString());
        assertThat(cleared.getString("acknowledgedBy")).isEqualTo(operator);
        assertThat(api.post("admin-city", "/alarms/" + id + "/clear", null).status()).isEqualTo(409);
        assertThat(api.post("admin-city", "/alarms/" + id + "/acknowledge", null).status()).isEqualTo(409);
        // An active alarm may be cleared at once.
        long active = OperationsFixture.id(api, "INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at)"
                + " VALUES ('b1', 'sensor_fault', 'rule', ?, ?) RETURNING id", OperationsFixture.T0, OperationsFixture.T0);
        assertThat(api.post("operator-c1", "/alarms/" + active + "/clear", null).json().getString("state")).isEqualTo("cleared");
        assertThat(api.post("operator-c1", "/alarms/999999/clear", null).status()).isEqualTo(404);
    }

    @Test
    void trucksWithTheirLastPositionAndTodaysShift() {
        CLOCK.set(LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC));
        List<JsonObject> trucks = items(api.get("dispatcher-s1", "/trucks"));
        assertThat(trucks.stream().map(t -> t.getString("id"))).containsExactly("t1", "t2", "t3", "tk");
        JsonObject t1 = trucks.get(0);
        assertThat(t1.getJsonObject("lastPosition").getDouble("lat")).isEqualTo(31.23);
        assertThat(t1.getJsonObject("lastPosition").getDouble("loadPct")).isEqualTo(35.0);
        assertThat(t1.getJsonObject("today").getDouble("drivenKm")).isEqualTo(12.5);
        assertThat(t1.getJsonObject("today").getString("shiftDate")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(t1.getString("shiftStart")).isEqualTo("06:00");
        assertThat(t1.getJsonArray("streams").stream().map(Object::toString)).containsExactly("residual", "recyclable");
        JsonObject t2 = trucks.get(1);
        assertThat(t2.getValue("lastPosition")).isNull();
        assertThat(t2.getJsonObject("today").getDouble("drivenKm")).isZero();
        assertThat(items(api.get("admin-city", "/trucks?status=maintenance")).stream().map(t -> t.getString("id")))
                .containsExactly("t3");
        JsonObject page = api.get("admin-city", "/trucks?limit=2").json();
        assertThat(page.getString("nextCursor")).isEqualTo("t2");
        assertThat(items(api.get("admin-city", "/trucks?limit=2&cursor=t2")).stream().map(t -> t.getString("id")))
                .containsExactly("t3", "tk");
        assertThat(api.get("admin-city", "/trucks/t1").json().getJsonObject("today").getDouble("drivenKm")).isEqualTo(12.5);
        assertThat(api.get("admin-city", "/trucks/nope").status()).isEqualTo(404);
        // Yesterday's shift is not today's.
        CLOCK.set(LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC));
        assertThat(api.get("admin-city", "/trucks/t1").json().getJsonObject("today").getDouble("drivenKm")).isZero();
        CLOCK.set(OperationsFixture.T0.plus(Duration.ofHours(1)));
    }

    @Test
    void positionsByRangeInPages() {
        String range = "?from=" + OperationsFixture.T0 + "&to=" + OperationsFixture.T0.plusSeconds(3600);
        List<JsonObject> all = items(api.get("dispatcher-s1", "/trucks/t1/positions" + range));
        assertThat(all).hasSize(5);
        assertThat(all.get(0).getString("ts")).isEqualTo(OperationsFixture.T0.toString());
        JsonObject first = api.get("admin-city", "/trucks/t1/positions" + range + "&limit=2").json();
        assertThat(first.getJsonArray("items")).hasSize(2);
        List<JsonObject> rest = items(api.get("admin-city", "/trucks/t1/positions" + range + "&limit=10&cursor="
                + first.getString("nextCursor")));
        assertThat(rest).hasSize(3);
        assertThat(rest.get(0).getString("ts")).isEqualTo(OperationsFixture.T0.plusSeconds(240).toString());
        // Default range: the 24 hours before now (the fake clock, one hour after the first position).
        assertThat(items(api.get("admin-city", "/trucks/t1/positions"))).hasSize(5);
        assertThat(api.get("admin-city", "/trucks/t1/positions?from=" + OperationsFixture.T0 + "&to="
                + OperationsFixture.T0.plus(Duration.ofDays(8))).errorCode()).isEqualTo("range_too_large");
        assertThat(api.get("admin-city", "/trucks/t1/positions?from=" + OperationsFixture.T0 + "&to=" + OperationsFixture.T0)
                .errorCode()).isEqualTo("bad_range");
        assertThat(api.get("admin-city", "/trucks/nope/positions").status()).isEqualTo(404);
        assertThat(api.get("admin-city", "/trucks/t1/positions?cursor=yesterday").errorCode()).isEqualTo("bad_cursor");
    }

    @Test
    void routesByTruckAndDate() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(OperationsSecurityIT.ids(api.get("admin-city", "/routes?truck=t2"))).containsExactly(f.routes.get("r2"));
        assertThat(OperationsSecurityIT.ids(api.get("admin-city", "/routes?date=" + today))).hasSize(2);
        assertThat(OperationsSecurityIT.ids(api.get("admin-city", "/routes?date=2020-01-01"))).isEmpty();
        assertThat(api.get("admin-city", "/routes?date=yesterday").status()).isEqualTo(400);
        JsonObject r1 = api.get("admin-city", "/routes/" + f.routes.get("r1")).json();
        assertThat(r1.getString("truckId")).isEqualTo("t1");
        assertThat(r1.getInteger("stops")).isEqualTo(5);
        assertThat(r1.getDouble("distanceKm")).isEqualTo(42.0);
        assertThat(r1.getJsonObject("message").getInteger("revision")).isEqualTo(1);
        JsonObject listed = api.get("admin-city", "/routes?truck=t1").json().getJsonArray("items").getJsonObject(0);
        assertThat(listed.containsKey("message")).isFalse();
    }

    @Test
    void facilities() {
        List<JsonObject> all = items(api.get("viewer-c1", "/facilities"));
        assertThat(all.stream().map(x -> x.getString("id"))).containsExactly("depot-n", "transfer-e");
        assertThat(all.get(1).getJsonArray("acceptedStreams").stream().map(Object::toString)).contains("kitchen");
        assertThat(all.get(1).getString("closeTime")).isEqualTo("24:00");
        assertThat(items(api.get("viewer-c1", "/facilities?kind=depot"))).hasSize(1);
    }

    private static List<Long> ids(String path) {
        return OperationsSecurityIT.ids(api.get("admin-city", path));
    }

    private static List<JsonObject> items(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
    }
}
