package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.deploy.GrafanaCity.number;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SQL query of the provisioned dashboards, with Grafana's macros and variables filled in,
 * against the real schema holding a small simulated city ({@link GrafanaCity}): 40 bins, three days
 * of readings every 15 minutes, their latest state, rejected messages, and the dispatch side (jobs,
 * collections, trucks, positions, shifts, routes, citizen reports). Each query must run and return
 * rows, for several values of {@code $__interval}; the city overview's overflow, threshold and
 * silence panels must find the bins seeded for them. The dispatch and community dashboards' figures
 * are checked in {@link OperationsDashboardsIT}.
 */
class GrafanaQueriesIT {
    private static final List<String> INTERVALS = List.of("30s", "5m", "1h", "1d");

    private static GrafanaCity city;

    @BeforeAll
    static void buildTheCity() throws SQLException {
        city = GrafanaCity.build("grafana");
    }

    @AfterAll
    static void dropTheCity() {
        if (city != null) {
            city.close();
        }
    }

    static List<Dashboards.Query> sqlQueries() {
        return Dashboards.sqlQueries();
    }

    @Test
    void theDashboardsHaveTheirSqlPanels() {
        assertThat(sqlQueries()).extracting(Dashboards.Query::panel).contains("Bins by fill band and stream",
                "Fill distribution", "Bins on the map", "Bins over their threshold", "Bins not seen for 24 h",
                "Readings per hour", "Rejects per reason", "Overflow bin-hours", "Overflow bin-hours by bin", "$stream",
                // dispatch
                "Open jobs", "Jobs overdue", "Open jobs by state, reason and priority", "Overdue jobs", "Job response time",
                "Jobs created and closed per hour", "Unplanned emptyings", "Pickups verified and flagged",
                "Trucks: last positions", "Trucks", "Driven and planned km per shift", "Truck load",
                "Rounds per district and stream", "Bins at risk per group", "Open jobs by district and reason",
                // community
                "$district", "$community", "Community ranking", "Response time p50", "Verified pickups", "Sensor uptime",
                "Collected volume by stream", "Recyclable share", "Citizen reports in range", "Overflow bin-hours by community");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlQueries")
    void everyQueryRunsOnTheSchemaAndReturnsRows(Dashboards.Query query) throws SQLException {
        for (String interval : INTERVALS) {
            List<Map<String, Object>> rows = city.query(query.text(), city.macros(interval, Map.of()));
            assertThat(rows).as(query + " with $__interval = " + interval).isNotEmpty();
        }
    }

    @Test
    void overflowBinHoursComeFromTheReadings() throws SQLException {
        List<Map<String, Object>> total = city.panel("Overflow bin-hours");
        assertThat(total).hasSize(1);
        assertThat(number(total.get(0).get("bin-hours"))).isEqualTo(6.0);
        assertThat(number(city.panel("Overflow bin-hours in the communities").get(0).get("bin-hours"))).isEqualTo(6.0);
        List<Map<String, Object>> byBin = city.panel("Overflow bin-hours by bin");
        assertThat(byBin).hasSize(1);
        assertThat(byBin.get(0)).containsEntry("bin", "bin-001");
        assertThat(number(byBin.get(0).get("overflow hours"))).isEqualTo(6.0);
        // Half of the overflow lies before a range that starts 27 hours ago.
        Instant rangeEnd = city.to();
        for (String panel : List.of("Overflow bin-hours", "Overflow bin-hours in the communities")) {
            List<Map<String, Object>> partly = city.query(GrafanaCity.text(panel),
                    city.macros(rangeEnd.minus(Duration.ofHours(27)), rangeEnd, "1h", Map.of()));
            assertThat(number(partly.get(0).get("bin-hours"))).as(panel).isBetween(2.75, 3.25);
        }
    }

    @Test
    void binsOverTheirThresholdUseTheBinsOwnThresholdElseTheStreams() throws SQLException {
        List<Map<String, Object>> rows = city.panel("Bins over their threshold");
        assertThat(rows).extracting(r -> r.get("bin")).contains("bin-003", "bin-004", "bin-005").doesNotContain("bin-040");
        assertThat(rows).allSatisfy(r -> assertThat(number(r.get("fill %"))).isGreaterThanOrEqualTo(number(r.get("threshold %"))));
        assertThat(rows).filteredOn(r -> r.get("bin").equals("bin-003")).singleElement()
                .satisfies(r -> assertThat(number(r.get("threshold %"))).isEqualTo(50.0));
        assertThat(number(city.panel("Over their threshold").get(0).get("bins"))).isEqualTo(rows.size());
    }

    @Test
    void binsNotSeenForADayIncludeThoseThatNeverReported() throws SQLException {
        List<Map<String, Object>> rows = city.panel("Bins not seen for 24 h");
        assertThat(rows).extracting(r -> r.get("bin")).containsExactly("bin-039", "bin-002");
        assertThat(number(city.panel("Silent for 24 h").get(0).get("bins"))).isEqualTo(2.0);
    }

    @Test
    void fillBandsAndTheMapCountEveryBinInService() throws SQLException {
        double inService = number(city.panel("Bins in service").get(0).get("bins"));
        assertThat(inService).isEqualTo(39.0);
        double banded = city.panel("Bins by fill band and stream").stream()
                .flatMap(r -> r.entrySet().stream().filter(e -> !e.getKey().equals("stream")))
                .mapToDouble(e -> number(e.getValue())).sum();
        assertThat(banded).isEqualTo(inService);
        List<Map<String, Object>> map = city.panel("Bins on the map");
        assertThat(map).hasSize(39).allSatisfy(r -> assertThat(r).containsKeys("latitude", "longitude", "fill"));
        assertThat(city.panel("Fill distribution")).hasSize(38);
    }

    /** Issue 15: each provisioned alert rule's query runs and counts what is wrong now. */
    @Test
    void theAlertRulesQueriesCountWhatIsWrong() throws SQLException {
        Map<String, Double> counts = new java.util.HashMap<>();
        for (Map<String, Object> rule : AlertRules.rules()) {
            List<Map<String, Object>> rows = city.rows(AlertRules.sql(rule).get(0));
            assertThat(rows).as((String) rule.get("title")).hasSize(1);
            counts.put((String) rule.get("title"), number(rows.get(0).values().iterator().next()));
        }
        // bin-002 went silent two days ago and bin-039 never reported
        assertThat(counts.get("Silent sensors")).isEqualTo(2.0);
        assertThat(counts).containsKeys("Overflowing bins", "Overdue urgent jobs");
    }

    /** Issue 15: the zone selector (a zone and everything under it; All is the city) filters bins and jobs. */
    @Test
    void theZoneSelectorFiltersThePanels() throws SQLException {
        Map<String, String> community = Map.of("zone", "'north-main-1'");
        double inCommunity = number(city.rows("SELECT count(*) AS n FROM bins WHERE zone_id = 'north-main-1'"
                + " AND retired_at IS NULL").get(0).get("n"));
        assertThat(number(city.panel("Bins in service", community).get(0).get("bins"))).isEqualTo(inCommunity).isLessThan(39.0);
        assertThat(number(city.panel("Bins in service", Map.of("zone", "'north'")).get(0).get("bins"))).isEqualTo(39.0);
        assertThat(city.panel("Bins on the map", community)).extracting(r -> r.get("zone")).containsOnly("north-main-1");
        assertThat(number(city.panel("Bins in service", Map.of("zone", "'nowhere'")).get(0).get("bins"))).isZero();
        double open = number(city.panel("Open jobs").get(0).get("jobs"));
        assertThat(open).isPositive();
        assertThat(number(city.panel("Open jobs", Map.of("zone", "'nowhere'")).get(0).get("jobs"))).isZero();
        assertThat(city.query(GrafanaCity.text("City map: bins, trucks and today's routes"), city.macros("1h", community)))
                .extracting(r -> r.get("zone")).containsOnly("north-main-1");
    }

    @Test
    void theStreamSelectorFiltersThePanels() throws SQLException {
        double hazardous = number(city.rows("SELECT count(*) AS n FROM bins WHERE stream = 'hazardous' AND retired_at IS NULL")
                .get(0).get("n"));
        assertThat(number(city.panel("Bins in service", Map.of("stream", "'hazardous'")).get(0).get("bins"))).isEqualTo(hazardous);
        assertThat(city.panel("Readings per hour", Map.of("stream", "'hazardous'"))).extracting(r -> r.get("stream"))
                .containsOnly("Hazardous waste");
        assertThat(city.panel("Readings per hour", Map.of("stream", "'hazardous','kitchen'"))).extracting(r -> r.get("stream"))
                .containsOnly("Hazardous waste", "Kitchen and food waste");
    }

    @Test
    void rejectsAreCountedPerReasonAndInterval() throws SQLException {
        List<Map<String, Object>> rows = city.query(GrafanaCity.text("Rejects per reason"), city.macros("1d", Map.of()));
        assertThat(rows).extracting(r -> r.get("reason")).containsOnly("bad_ts", "not_json", "unknown_bin", "out_of_range");
        double total = rows.stream().mapToDouble(r -> number(r.get("rejected"))).sum();
        assertThat(total).isEqualTo(number(city.panel("Rejected in range").get(0).get("rejected")));
    }
}
