package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clearway.api.security.TokenRegistry;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Jobs: filters and pages, one job with its events, manual jobs, reassign and cancel by the lifecycle's rules. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsIT {
    static final FakeClock CLOCK = FakeClock.at(OperationsFixture.T0.plus(Duration.ofHours(1)).toString());
    static final String ADMIN = "token:" + TokenRegistry.sha256("admin-city").substring(0, 12);
    static ApiHarness api;
    static OperationsFixture f;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_jobs", CLOCK, OperationsFixture.env(Map.of()));
        f = OperationsFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    @Order(1) // before the other tests add jobs
    void listFiltersAndPages() {
        assertThat(ids("/jobs")).containsExactly(f.jobs.get("collected"), f.jobs.get("planned"), f.jobs.get("dispatched"),
                f.jobs.get("open"));
        assertThat(ids("/jobs?state=dispatched")).containsExactly(f.jobs.get("dispatched"));
        assertThat(ids("/jobs?zone=s1")).containsExactly(f.jobs.get("collected"), f.jobs.get("dispatched"), f.jobs.get("open"));
        assertThat(ids("/jobs?zone=d2")).containsExactly(f.jobs.get("planned"));
        assertThat(ids("/jobs?zone=c1")).containsExactly(f.jobs.get("collected"), f.jobs.get("open"));
        assertThat(ids("/jobs?zone=s1&priority=urgent")).containsExactly(f.jobs.get("collected"), f.jobs.get("dispatched"));
        assertThat(ids("/jobs?zone=nowhere")).isEmpty();
        // Each filter with a zone (the zone's own query: bins first, then the page of ids, then the rows).
        assertThat(ids("/jobs?zone=s1&stream=recyclable")).containsExactly(f.jobs.get("dispatched"));
        assertThat(ids("/jobs?zone=c1&stream=recyclable")).isEmpty();
        assertThat(ids("/jobs?zone=s1&state=open")).containsExactly(f.jobs.get("open"));
        assertThat(ids("/jobs?zone=d2&truck=t2")).containsExactly(f.jobs.get("planned"));
        assertThat(ids("/jobs?zone=s1&truck=t2")).isEmpty();
        assertThat(ids("/jobs?zone=s1&reason=fire_alarm")).containsExactly(f.jobs.get("collected"));
        assertThat(ids("/jobs?zone=s1&from=" + OperationsFixture.T0.plusSeconds(1))).isEmpty();
        assertThat(ids("/jobs?zone=s1&to=" + OperationsFixture.T0.plusSeconds(1))).hasSize(3);
        JsonObject zoneFirst = api.get("admin-city", "/jobs?zone=s1&limit=2").json();
        assertThat(zoneFirst.getString("nextCursor")).isEqualTo(Long.toString(f.jobs.get("dispatched")));
        assertThat(OperationsSecurityIT.ids(api.get("admin-city", "/jobs?zone=s1&limit=2&cursor=" + zoneFirst.getString("nextCursor"))))
                .containsExactly(f.jobs.get("open"));
        // A token of c3 asking for another zone, or for its own district, sees only its own community's jobs.
        assertThat(OperationsSecurityIT.ids(api.get("viewer-c3", "/jobs?zone=s1"))).isEmpty();
        assertThat(OperationsSecurityIT.ids(api.get("viewer-c3", "/jobs?zone=d2"))).containsExactly(f.jobs.get("planned"));
        assertThat(ids("/jobs?stream=recyclable")).containsExactly(f.jobs.get("dispatched"));
        assertThat(ids("/jobs?truck=t2")).containsExactly(f.jobs.get("planned"));
        assertThat(ids("/jobs?reason=fire_alarm")).containsExactly(f.jobs.get("collected"));
        assertThat(ids("/jobs?priority=urgent")).containsExactly(f.jobs.get("collected"), f.jobs.get("dispatched"));
        assertThat(ids("/jobs?from=" + OperationsFixture.T0.plusSeconds(1))).isEmpty();
        assertThat(ids("/jobs?to=" + OperationsFixture.T0.plusSeconds(1))).hasSize(4);
        JsonObject first = api.get("admin-city", "/jobs?limit=3").json();
        assertThat(first.getJsonArray("items")).hasSize(3);
        JsonObject second = api.get("admin-city", "/jobs?limit=3&cursor=" + first.getString("nextCursor")).json();
        assertThat(second.getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(f.jobs.get("open"));
        assertThat(second.getString("nextCursor")).isNull();
        assertThat(api.get("admin-city", "/jobs?limit=501").status()).isEqualTo(400);
        assertThat(api.get("admin-city", "/jobs?state=lost").status()).isEqualTo(400);
        assertThat(api.get("admin-city", "/jobs?cursor=abc").errorCode()).isEqualTo("bad_cursor");
        assertThat(api.get("admin-city", "/jobs?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").errorCode()).isEqualTo("bad_range");
    }

    @Test
    void oneJobWithItsEvents() {
        JsonObject job = api.get("viewer-c1", "/jobs/" + f.jobs.get("collected")).json();
        assertThat(job.getString("binId")).isEqualTo("b1");
        assertThat(job.getString("zoneId")).isEqualTo("c1");
        assertThat(job.getString("truckId")).isEqualTo("t1");
        assertThat(job.getJsonArray("events").stream().map(o -> ((JsonObject) o).getString("to")))
                .containsExactly("open", "planned", "dispatched", "accepted", "arrived", "collected");
        assertThat(job.getJsonArray("events").getJsonObject(0).getString("from")).isNull();
    }

    @Test
    void aManualJobOncePerBinWith409NamingTheOpenOne() throws SQLException {
        JsonObject body = new JsonObject().put("binId", "b3").put("priority", "urgent").put("cause", "overflowing, reported by phone");
        ApiHarness.Response created = api.post("operator-c2", "/jobs", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject job = created.json();
        assertThat(job.getString("reason")).isEqualTo("manual");
        assertThat(job.getString("state")).isEqualTo("open");
        assertThat(job.getString("priority")).isEqualTo("urgent");
        assertThat(job.getString("dueAt")).isEqualTo(CLOCK.instant().plus(Duration.ofHours(24)).toString());
        JsonObject event = job.getJsonArray("events").getJsonObject(0);
        assertThat(event.getString("from")).isNull();
        assertThat(event.getString("to")).isEqualTo("open");
        assertThat(event.getString("actor")).isEqualTo("token:" + TokenRegistry.sha256("operator-c2").substring(0, 12));
        assertThat(event.getString("reason")).isEqualTo("overflowing, reported by phone");
        ApiHarness.Response again = api.post("operator-c2", "/jobs", new JsonObject().put("binId", "b3"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("job_exists");
        assertThat(again.json().getJsonObject("error").getLong("jobId")).isEqualTo(job.getLong("id"));
        assertThat(again.json().getJsonObject("error").getString("message")).contains(Long.toString(job.getLong("id")));
        // The dispatch leader publishes it: announced_at is null.
        assertThat(announced(job.getLong("id"))).isFalse();
        // A retired bin takes no job; a due time in the past is refused.
        assertThat(api.post("operator-c1", "/jobs", new JsonObject().put("binId", "b2")).errorCode()).isEqualTo("bin_retired");
        assertThat(api.post("operator-c1", "/jobs", new JsonObject().put("binId", "b1").put("dueAt", "2020-01-01T00:00:00Z"))
                .errorCode()).isEqualTo("bad_due");
        // Cancelled, the bin may have a new one.
        assertThat(api.post("dispatcher-s1", "/jobs/" + job.getLong("id") + "/cancel", new JsonObject().put("reason", "done by hand"))
                .status()).isEqualTo(200);
        assertThat(api.post("operator-c2", "/jobs", new JsonObject().put("binId", "b3")).status()).isEqualTo(201);
    }

    @Test
    void reassignFollowsTheLifecycle() throws Exception {
        long dispatched = OperationsFixture.job(api, "b1", "forecast", "normal", "dispatched", "t1");
        CLOCK.advance(Duration.ofSeconds(1));
        ApiHarness.Response moved = api.post("dispatcher-s1", "/jobs/" + dispatched + "/reassign",
                new JsonObject().put("truckId", "t2").put("reason", "t1 broke down"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        JsonObject job = moved.json();
        assertThat(job.getString("state")).isEqualTo("open");
        assertThat(job.getString("truckId")).isEqualTo("t2");
        JsonObject last = lastEvent(job);
        assertThat(last.getString("from")).isEqualTo("dispatched");
        assertThat(last.getString("to")).isEqualTo("open");
        assertThat(last.getString("actor")).isEqualTo("token:" + TokenRegistry.sha256("dispatcher-s1").substring(0, 12));
        assertThat(last.getString("reason")).isEqualTo("reassigned to truck t2: t1 broke down");
        assertThat(announced(dispatched)).isFalse();
        // Open: to another truck again; the same truck is a conflict.
        assertThat(api.post("admin-city", "/jobs/" + dispatched + "/reassign", new JsonObject().put("truckId", "t1")).status()).isEqualTo(200);
        assertThat(api.post("admin-city", "/jobs/" + dispatched + "/reassign", new JsonObject().put("truckId", "t1")).errorCode())
                .isEqualTo("already_assigned");
        // Trucks that cannot take it.
        assertThat(api.post("admin-city", "/jobs/" + dispatched + "/reassign", new JsonObject().put("truckId", "nope")).errorCode())
                .isEqualTo("unknown_truck");
        assertThat(api.post("admin-city", "/jobs/" + dispatched + "/reassign", new JsonObject().put("truckId", "t3")).errorCode())
                .isEqualTo("truck_unavailable");
        assertThat(api.post("admin-city", "/jobs/" + dispatched + "/reassign", new JsonObject().put("truckId", "tk")).errorCode())
                .isEqualTo("truck_unsuitable");
        // Accepted and later: refused, naming the state; nothing written.
        long collected = f.jobs.get("collected");
        int before = events(collected);
        ApiHarness.Response refused = api.post("admin-city", "/jobs/" + collected + "/reassign", new JsonObject().put("truckId", "t2"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("illegal_transition");
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("is collected").contains("[verified, failed]");
        assertThat(refused.json().getJsonObject("error").getString("state")).isEqualTo("collected");
        assertThat(events(collected)).isEqualTo(before);
        assertThat(api.get("admin-city", "/jobs/" + collected).json().getString("truckId")).isEqualTo("t1");
    }

    @Test
    void cancelFollowsTheLifecycle() throws Exception {
        long planned = OperationsFixture.job(api, "b4", "maintenance", "maintenance", "planned", "t2");
        ApiHarness.Response cancelled = api.post("admin-city", "/jobs/" + planned + "/cancel", new JsonObject().put("reason", " bin removed "));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().getString("state")).isEqualTo("cancelled");
        JsonObject last = lastEvent(cancelled.json());
        assertThat(last.getString("from")).isEqualTo("planned");
        assertThat(last.getString("to")).isEqualTo("cancelled");
        assertThat(last.getString("actor")).isEqualTo(ADMIN);
        assertThat(last.getString("reason")).isEqualTo("bin removed");
        // The event is never dated before the job's last one (the fixture's events are at T0 + 10 s steps).
        assertThat(Instant.parse(last.getString("at"))).isAfterOrEqualTo(CLOCK.instant());
        // Twice: it is final.
        ApiHarness.Response again = api.post("admin-city", "/jobs/" + planned + "/cancel", new JsonObject().put("reason", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().getJsonObject("error").getString("message")).contains("is cancelled").contains("final");
        // Arrived cannot be cancelled (the truck is at the bin: it is collected, skipped or failed).
        long arrived = OperationsFixture.job(api, "b4", "threshold", "normal", "arrived", "t2");
        ApiHarness.Response refused = api.post("admin-city", "/jobs/" + arrived + "/cancel", new JsonObject().put("reason", "x"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getJsonObject("error").getString("message"))
                .contains("job " + arrived + " is arrived").contains("[collected, skipped, failed]");
        // Accepted can.
        long accepted = OperationsFixture.job(api, "b4", "fire_alarm", "urgent", "accepted", "t2");
        assertThat(api.post("admin-city", "/jobs/" + accepted + "/cancel", new JsonObject().put("reason", "x")).json()
                .getString("state")).isEqualTo("cancelled");
    }

    @Test
    void anEventIsNeverDatedBeforeTheJobsLastOne() throws Exception {
        long open = OperationsFixture.job(api, "b1", "maintenance", "maintenance", "open", null);
        api.sql("INSERT INTO job_events (job_id, from_state, to_state, at, actor) VALUES (?, 'open', 'open', ?, 'dispatch')",
                open, CLOCK.instant().plus(Duration.ofHours(5)));
        JsonObject job = api.post("admin-city", "/jobs/" + open + "/cancel", new JsonObject().put("reason", "x")).json();
        assertThat(lastEvent(job).getString("at")).isEqualTo(CLOCK.instant().plus(Duration.ofHours(5)).toString());
    }

    private static List<Long> ids(String path) {
        return OperationsSecurityIT.ids(api.get("admin-city", path));
    }

    private static JsonObject lastEvent(JsonObject job) {
        JsonArray events = job.getJsonArray("events");
        return events.getJsonObject(events.size() - 1);
    }

    private static boolean announced(long job) throws SQLException {
        return OperationsFixture.id(api, "SELECT CASE WHEN announced_at IS NULL THEN 0 ELSE 1 END FROM jobs WHERE id = ?", job) == 1;
    }

    private static int events(long job) throws SQLException {
        return (int) OperationsFixture.id(api, "SELECT count(*) FROM job_events WHERE job_id = ?", job);
    }
}
