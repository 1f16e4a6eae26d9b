package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clearway.api.security.TokenRegistry;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rounds (V16) through the API: each zone's rounds within the token's scope, a dispatcher pinning a district and
 * stream's days (role and zone checked, the actor recorded), and each bin's next planned visit.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RoundsIT {
    static final FakeClock CLOCK = FakeClock.at(OperationsFixture.T0.plus(Duration.ofHours(1)).toString());
    static final Instant NEXT_D1 = OperationsFixture.T0.plus(Duration.ofDays(2));
    static final Instant NEXT_D2 = OperationsFixture.T0.plus(Duration.ofDays(3));
    static final Instant ARRIVAL = OperationsFixture.T0.plus(Duration.ofHours(3));
    static ApiHarness api;
    static OperationsFixture f;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>(OperationsFixture.env(Map.of()));
        env.put("CLEARWAY_API_TOKENS", env.get("CLEARWAY_API_TOKENS") + "," + TokenRegistry.sha256("dispatcher-d1")
                + "=dispatcher:d1");
        api = new ApiHarness("api_rounds", CLOCK, env);
        f = OperationsFixture.seed(api);
        api.sql("INSERT INTO rounds (district_id, stream, weekdays, fitted_at, longest_gap_days, selected_on, next_round_at,"
                + " bins_at_risk, bins_selected, updated_at) VALUES"
                + " ('d1', 'residual', '{1,4,6}', ?, 2.73, ?, ?, 3, 5, ?), ('d2', 'residual', '{2,5}', NULL, NULL, ?, ?, 0, 0, ?)",
                OperationsFixture.T0, LocalDate.of(2026, 12, 7), NEXT_D1, OperationsFixture.T0, LocalDate.of(2026, 12, 7),
                NEXT_D2, OperationsFixture.T0);
        // t2's newest route plans b4's job (state planned) to arrive at ARRIVAL
        api.sql("INSERT INTO routes (truck_id, shift_date, revision, created_at, cause, stops, distance_km, duration_min, message)"
                + " VALUES ('t2', ?, 2, ?, 'plan', 1, 10, 60, ?::jsonb)", LocalDate.now(ZoneOffset.UTC), OperationsFixture.T0,
                "{\"version\":1,\"truckId\":\"t2\",\"revision\":2,\"stops\":[{\"seq\":1,\"kind\":\"bin\",\"jobId\":"
                        + f.jobs.get("planned") + ",\"binId\":\"b4\",\"plannedArrival\":\"" + ARRIVAL + "\"}]}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void eachTokenSeesTheRoundsOfItsOwnDistricts() {
        assertThat(districts("admin-city", "/rounds")).containsExactly("d1/residual", "d2/residual");
        assertThat(districts("viewer-c1", "/rounds")).containsExactly("d1/residual");
        assertThat(districts("viewer-c3", "/rounds")).containsExactly("d2/residual");
        assertThat(districts("admin-city", "/rounds?zone=c3")).containsExactly("d2/residual");
        assertThat(districts("viewer-c1", "/rounds?zone=c3")).isEmpty();
        JsonObject d1 = api.get("viewer-c1", "/rounds").json().getJsonArray("rounds").getJsonObject(0);
        assertThat(d1.getJsonArray("weekdays")).isEqualTo(new JsonArray().add(1).add(4).add(6));
        assertThat(d1.getBoolean("pinned")).isFalse();
        assertThat(d1.getDouble("longestGapDays")).isEqualTo(2.73);
        assertThat(d1.getString("nextRoundAt")).isEqualTo(NEXT_D1.toString());
        assertThat(d1.getInteger("binsAtRisk")).isEqualTo(3);
        assertThat(d1.getString("selectedOn")).isEqualTo("2026-12-07");
    }

    @Test
    void aDispatcherOfTheDistrictPinsItsDaysAndTheActorIsRecorded() {
        assertThat(api.send("viewer-city", "PUT", "/rounds/d2/kitchen", days(1, 4), "application/json").status())
                .isEqualTo(403);
        assertThat(api.send("dispatcher-s1", "PUT", "/rounds/d1/kitchen", days(1, 4), "application/json").status())
                .isEqualTo(404);
        assertThat(api.send("dispatcher-d1", "PUT", "/rounds/d2/kitchen", days(1, 4), "application/json").status())
                .isEqualTo(404);
        assertThat(api.send("dispatcher-d1", "PUT", "/rounds/d1/kitchen", days(1, 7), "application/json").status())
                .isEqualTo(400);
        assertThat(api.send("dispatcher-d1", "PUT", "/rounds/d1/kitchen", new JsonObject().put("weekdays", new JsonArray())
                .encode(), "application/json").status()).isEqualTo(400);
        assertThat(api.send("dispatcher-d1", "PUT", "/rounds/d1/paper", days(1, 4), "application/json").errorCode())
                .isEqualTo("unknown_stream");

        ApiHarness.Response pinned = api.send("dispatcher-d1", "PUT", "/rounds/d1/kitchen", days(5, 2), "application/json");
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
        JsonObject round = pinned.json();
        assertThat(round.getJsonArray("weekdays")).isEqualTo(new JsonArray().add(2).add(5));
        assertThat(round.getBoolean("pinned")).isTrue();
        assertThat(round.getString("pinnedBy")).isEqualTo("token:" + TokenRegistry.sha256("dispatcher-d1").substring(0, 12));
        assertThat(round.getString("pinnedAt")).isEqualTo(CLOCK.instant().toString());

        ApiHarness.Response again = api.send("admin-city", "PUT", "/rounds/d1/residual", days(2, 4, 6), "application/json");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().getJsonArray("weekdays")).isEqualTo(new JsonArray().add(2).add(4).add(6));
        assertThat(again.json().getBoolean("pinned")).isTrue();
        assertThat(again.json().getString("nextRoundAt")).as("the chore's figures stay").isEqualTo(NEXT_D1.toString());
    }

    @Test
    void aBinsNextVisitIsItsPlannedStopElseItsGroupsNextRound() {
        JsonObject b4 = api.get("admin-city", "/bins/b4").json();
        assertThat(b4.getJsonObject("nextVisit")).isEqualTo(new JsonObject().put("at", ARRIVAL.toString()).put("basis", "route"));
        JsonObject b1 = api.get("viewer-c1", "/bins/b1").json();
        assertThat(b1.getJsonObject("nextVisit")).isEqualTo(new JsonObject().put("at", NEXT_D1.toString()).put("basis", "round"));
        assertThat(api.get("admin-city", "/bins/b3").json().getValue("nextVisit")).as("no rounds of recyclables").isNull();
        JsonArray listed = api.get("viewer-c1", "/bins").json().getJsonArray("items");
        assertThat(listed.getJsonObject(0).getJsonObject("nextVisit").getString("basis")).isEqualTo("round");
    }

    private static String days(int... weekdays) {
        JsonArray array = new JsonArray();
        for (int d : weekdays) {
            array.add(d);
        }
        return new JsonObject().put("weekdays", array).encode();
    }

    private static List<String> districts(String token, String path) {
        ApiHarness.Response r = api.get(token, path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("rounds").stream().map(o -> ((JsonObject) o).getString("districtId") + "/"
                + ((JsonObject) o).getString("stream")).toList();
    }
}
