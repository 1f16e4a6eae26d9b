package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The assessment and the zone tree on data shaped like a live run of the launcher: the bins were registered half an
 * hour ago, when the launcher started, and the simulator replays their sensors from six days back (every 15 minutes,
 * as its default), so most readings are older than the bins' registration; the period (30 days back to 60 days
 * ahead) is still running. On ApiHarness's city without b2, plus community {@code -1-1} (a valid zone id that a
 * spreadsheet reads as a formula) under s2 with bin b6:
 *
 * <pre>
 * b1 (c1), b6 (-1-1): every 15 minutes from six days ago until now
 * b3 (c2):            the same, but silent for 10 whole hours in the middle
 * b4 (c3):            never reports
 * </pre>
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AssessmentLiveIT {
    static ApiHarness api;
    /** The period's start: 30 days ago, on the hour. */
    static Instant from;
    /** The simulation's start: six days ago, on the hour. */
    static Instant simStart;
    static Instant registered;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_assessment_live", Clock.systemUTC(), Map.of());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        from = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(30));
        simStart = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(6));
        registered = now.minus(Duration.ofMinutes(30));
        api.sql("DELETE FROM readings");
        api.sql("DELETE FROM bin_state");
        api.sql("DELETE FROM rejected_messages");
        api.sql("DELETE FROM bins WHERE id = 'b2'");
        api.sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('-1-1', 's2', 'community', 'Minus One')");
        api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon)"
                + " VALUES ('b6', '-1-1', 'residual', 240, 1000, 30.01, 120.01)");
        api.sql("UPDATE bins SET created_at = ?", registered);
        every15Minutes("b1", "");
        every15Minutes("b6", "");
        every15Minutes("b3", " AND NOT (t >= ?::timestamptz + interval '2 days' AND t < ?::timestamptz + interval '2 days 10 hours')");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aPeriodInProgressCountsFromTheFirstReadingUpToNow() {
        Instant before = Instant.now();
        JsonObject a = ok(api.get("viewer-city", "/assessment?from=" + from + "&to=" + from.plus(Duration.ofDays(90))));
        Instant after = Instant.now();
        Instant counted = Instant.parse(a.getString("countedUntil"));
        assertThat(counted).isBetween(before.truncatedTo(ChronoUnit.MICROS), after);
        Map<String, JsonObject> byZone = byZone(a.getJsonArray("communities"));
        double days = Duration.between(simStart, counted).toNanos() / 86_400e9;
        // Hourly intervals from the simulation's start to now: the current one has its :00 reading already.
        long hours = Duration.between(simStart, counted).toHours() + 1;
        for (String zone : List.of("c1", "-1-1")) {
            JsonObject c = byZone.get(zone);
            assertThat(c.getLong("bins")).as(zone).isEqualTo(1);
            assertThat(c.getDouble("binDays")).as(zone).isCloseTo(days, within(1e-6));
            assertThat(c.getLong("expectedReports")).as(zone).isEqualTo(hours);
            assertThat(c.getLong("observedReports")).as(zone).isEqualTo(hours);
            assertThat(c.getDouble("sensorUptime")).as(zone).isEqualTo(1.0);
        }
        JsonObject c2 = byZone.get("c2");
        assertThat(c2.getLong("expectedReports")).isEqualTo(hours);
        assertThat(c2.getLong("observedReports")).isEqualTo(hours - 10);
        assertThat(c2.getDouble("sensorUptime")).isCloseTo((hours - 10.0) / hours, within(1e-9));
        // b4 never reported: in service since its registration half an hour ago, and silent.
        JsonObject c3 = byZone.get("c3");
        assertThat(c3.getDouble("binDays")).isCloseTo(Duration.between(registered, counted).toNanos() / 86_400e9, within(1e-6));
        assertThat(c3.getLong("observedReports")).isZero();
        assertThat(c3.getLong("expectedReports")).isBetween(1L, 2L);
    }

    @Test
    void theCurrentQuarterCountsNoDayThatHasNotHappened() {
        JsonObject a = ok(api.get("viewer-city", "/assessment?quarter=" + quarterOf(Instant.now())));
        double total = 0;
        for (Object o : a.getJsonArray("communities")) {
            total += ((JsonObject) o).getDouble("binDays");
        }
        // Four bins, none in service for more than six days and an hour, up to now.
        assertThat(total).isGreaterThan(0).isLessThanOrEqualTo(4 * (6 + 1 / 24.0) + 1e-6);
        assertThat(Instant.parse(a.getString("countedUntil"))).isBefore(Instant.parse(a.getString("to")));
    }

    @Test
    void zonesCountTheActiveBinsOfTheirWholeSubtree() {
        JsonArray roots = ok(api.get("viewer-city", "/zones")).getJsonArray("zones");
        Map<String, Long> bins = new HashMap<>();
        collect(roots, bins);
        assertThat(bins).containsExactlyInAnyOrderEntriesOf(Map.of("d1", 2L, "s1", 2L, "c1", 1L, "c2", 1L,
                "d2", 2L, "s2", 2L, "c3", 1L, "-1-1", 1L));
        JsonArray street = ok(api.get("dispatcher-s1", "/zones")).getJsonArray("zones");
        assertThat(street.getJsonObject(0).getString("id")).isEqualTo("s1");
        assertThat(street.getJsonObject(0).getLong("activeBins")).isEqualTo(2);
    }

    @Test
    void everyTextCellOfTheCsvIsGuardedAgainstFormulas() {
        ApiHarness.Response r = api.get("viewer-city", "/assessment.csv?zone=s2&from=" + from + "&to="
                + from.plus(Duration.ofDays(90)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<List<String>> rows = AssessmentIT.parseCsv(r.body());
        List<String> header = rows.get(0);
        assertThat(rows.stream().skip(1).map(row -> row.get(header.indexOf("zone_id")))).containsExactlyInAnyOrder("'-1-1", "c3");
        assertThat(r.body()).doesNotContain("\r\n-1-1").doesNotContain(",-1-1");
    }

    private static void every15Minutes(String bin, String except) throws java.sql.SQLException {
        Object[] args = except.isEmpty() ? new Object[] {bin, simStart} : new Object[] {bin, simStart, simStart, simStart};
        api.sql("INSERT INTO readings (bin_id, measured_at, received_at, fill_pct)"
                + " SELECT ?, t, t, 40 FROM generate_series(?::timestamptz, now(), interval '15 minutes') t WHERE true" + except,
                args);
    }

    static String quarterOf(Instant t) {
        var date = t.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        return date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
    }

    private static void collect(JsonArray zones, Map<String, Long> into) {
        for (Object o : zones) {
            JsonObject z = (JsonObject) o;
            into.put(z.getString("id"), z.getLong("activeBins"));
            collect(z.getJsonArray("children"), into);
        }
    }

    private static Map<String, JsonObject> byZone(JsonArray communities) {
        Map<String, JsonObject> out = new HashMap<>();
        communities.forEach(o -> out.put(((JsonObject) o).getString("zoneId"), (JsonObject) o));
        return out;
    }

    private static JsonObject ok(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}

