package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.deploy.GrafanaCity.number;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The figures of the dispatch and community dashboards on the city of {@link GrafanaCity}, whose
 * jobs, trucks, routes and reports ({@code grafana-city-operations.sql}) are seeded so that each
 * panel has one right answer: six jobs (verified, flagged, awaiting, overdue, urgent, cancelled),
 * collections after 2, 10 and 3 hours, three trucks (one retired), two routes revisions of one day.
 */
class OperationsDashboardsIT {
    private static GrafanaCity city;

    @BeforeAll
    static void buildTheCity() throws SQLException {
        city = GrafanaCity.build("grafana_ops");
    }

    @AfterAll
    static void dropTheCity() {
        if (city != null) {
            city.close();
        }
    }

    @Test
    void openAndOverdueJobsLeaveOutTheFinalStates() throws SQLException {
        assertThat(number(city.panel("Open jobs").get(0).get("jobs"))).isEqualTo(4.0);
        assertThat(number(city.panel("Jobs overdue").get(0).get("jobs"))).isEqualTo(1.0);
        assertThat(number(city.panel("Urgent open jobs").get(0).get("jobs"))).isEqualTo(1.0);
        assertThat(city.panel("Overdue jobs")).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("bin", "bin-004").containsEntry("state", "open");
            assertThat(number(r.get("overdue hours"))).isBetween(0.9, 1.1);
        });
        List<Map<String, Object>> byState = city.panel("Open jobs by state, reason and priority");
        assertThat(byState).extracting(r -> r.get("state")).containsExactly("open", "dispatched", "collected", "collected");
        assertThat(byState.stream().mapToDouble(r -> number(r.get("jobs"))).sum()).isEqualTo(4.0);
    }

    @Test
    void roundsShowTheirDaysBasisAndRiskPerGroup() throws SQLException {
        List<Map<String, Object>> rounds = city.panel("Rounds per district and stream");
        assertThat(rounds).extracting(r -> r.get("stream")).containsExactly("recyclable", "residual");
        assertThat(rounds.get(0)).containsEntry("days", "Tue+Sat").containsEntry("basis", "pinned");
        assertThat(rounds.get(1)).containsEntry("days", "Mon+Thu+Sat").containsEntry("basis", "fitted");
        assertThat(number(rounds.get(1).get("longest gap (days)"))).isEqualTo(2.73);
        List<Map<String, Object>> risk = city.panel("Bins at risk per group");
        assertThat(risk).extracting(r -> r.get("group")).containsExactly("north recyclable", "north residual");
        assertThat(number(risk.get(1).get("at risk"))).isEqualTo(4.0);
        List<Map<String, Object>> byReason = city.panel("Open jobs by district and reason");
        assertThat(byReason.stream().mapToDouble(r -> number(r.get("jobs"))).sum()).isEqualTo(4.0);
    }

    @Test
    void responseTimeRunsFromCreationToTheFirstCollection() throws SQLException {
        List<Map<String, Object>> series = city.query(GrafanaCity.text("Job response time"), city.macros("1d", Map.of()));
        assertThat(series).isNotEmpty();
        // Collections 2, 10 and 3 hours after creation: within one bucket of a day or two, the p50 is 3 h at most.
        assertThat(series).allSatisfy(r -> assertThat(number(r.get("p50"))).isBetween(2.0, 10.0));
        assertThat(number(city.panel("Response time p50").get(0).get("hours"))).isEqualTo(3.0);
        List<Map<String, Object>> ranking = city.panel("Community ranking");
        Map<String, Object> main2 = ranking.stream().filter(r -> "Main Street 2".equals(r.get("community"))).findFirst().orElseThrow();
        assertThat(number(main2.get("response p50 h"))).isEqualTo(2.5);
        Map<String, Object> main1 = ranking.stream().filter(r -> "Main Street 1".equals(r.get("community"))).findFirst().orElseThrow();
        assertThat(number(main1.get("response p50 h"))).isEqualTo(10.0);
    }

    @Test
    void pickupsAreVerifiedFlaggedOrAwaiting() throws SQLException {
        assertThat(number(city.panel("Pickups verified").get(0).get("verified %"))).isEqualTo(33.3);
        assertThat(number(city.panel("Verified pickups").get(0).get("verified %"))).isEqualTo(33.3);
        List<Map<String, Object>> days = city.panel("Pickups verified and flagged");
        assertThat(days.stream().mapToDouble(r -> number(r.get("verified"))).sum()).isEqualTo(1.0);
        assertThat(days.stream().mapToDouble(r -> number(r.get("flagged"))).sum()).isEqualTo(1.0);
        assertThat(days.stream().mapToDouble(r -> number(r.get("awaiting"))).sum()).isEqualTo(1.0);
        assertThat(city.panel("Flagged pickups")).singleElement().satisfies(r ->
                assertThat(r).containsEntry("bin", "bin-002").containsEntry("verification", "no_drop"));
    }

    @Test
    void trucksShowTheirLastPositionAndTheLatestPlannedRevision() throws SQLException {
        assertThat(city.panel("Trucks: last positions")).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("truck", "truck-1").containsKeys("latitude", "longitude");
            assertThat(number(r.get("load"))).isEqualTo(55.0);
        });
        List<Map<String, Object>> trucks = city.panel("Trucks");
        assertThat(trucks).extracting(r -> r.get("truck")).containsExactly("truck-1", "truck-2");
        assertThat(number(trucks.get(0).get("driven km"))).isEqualTo(12.5);
        assertThat(number(trucks.get(0).get("planned km"))).isEqualTo(42.5);
        assertThat(number(trucks.get(1).get("driven km"))).isEqualTo(21.0);
        List<Map<String, Object>> shifts = city.panel("Driven and planned km per shift");
        assertThat(shifts).hasSize(3);
        assertThat(shifts).extracting(r -> number(r.get("planned km"))).containsExactlyInAnyOrder(35.0, 30.0, 42.5);
        assertThat(city.panel("Truck load")).extracting(r -> r.get("truck")).containsOnly("truck-1");
    }

    @Test
    void jobsCreatedAndClosedAndUnplannedEmptyingsAreCounted() throws SQLException {
        List<Map<String, Object>> hours = city.panel("Jobs created and closed per hour");
        assertThat(hours.stream().mapToDouble(r -> number(r.get("created"))).sum()).isEqualTo(6.0);
        assertThat(hours.stream().mapToDouble(r -> number(r.get("closed"))).sum()).isEqualTo(2.0);
        assertThat(number(city.panel("Unplanned emptyings in range").get(0).get("emptyings"))).isEqualTo(2.0);
    }

    @Test
    void theCommunityReportRanksEveryCommunityAndFollowsTheSelection() throws SQLException {
        List<Map<String, Object>> ranking = city.panel("Community ranking");
        assertThat(ranking).extracting(r -> r.get("community")).containsExactly("Main Street 1", "Main Street 2");
        assertThat(ranking).extracting(r -> number(r.get("rank"))).containsExactly(1.0, 2.0);
        assertThat(ranking).extracting(r -> number(r.get("overflow bin-hours"))).containsExactly(0.0, 6.0);
        assertThat(ranking).extracting(r -> number(r.get("citizen reports"))).containsExactly(1.0, 1.0);
        assertThat(ranking).allSatisfy(r -> assertThat(number(r.get("uptime %"))).isBetween(50.0, 100.0));
        assertThat(number(city.panel("Recyclable share").get(0).get("recyclable %"))).isEqualTo(50.0);
        assertThat(number(city.panel("Citizen reports in range").get(0).get("reports"))).isEqualTo(2.0);
        double uptime = number(city.panel("Sensor uptime").get(0).get("uptime %"));
        // bin-039 never reported and bin-002 was silent for two of the three days.
        assertThat(uptime).isBetween(80.0, 99.0);

        Map<String, String> main1 = Map.of("community", "'north-main-1'");
        assertThat(city.panel("Community ranking", main1)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("community", "Main Street 1"));
        assertThat(number(city.panel("Citizen reports in range", main1).get(0).get("reports"))).isEqualTo(1.0);
        assertThat(city.panel("Collected volume by stream", main1)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("stream", "Hazardous waste"));
        assertThat(city.panel("Community ranking", Map.of("district", "'south'"))).isEmpty();
        assertThat(city.query(GrafanaCity.text("$community"), city.macros("1h", Map.of("district", "'north'"))))
                .extracting(r -> r.get("__value")).containsExactly("north-main-1", "north-main-2");
    }
}
