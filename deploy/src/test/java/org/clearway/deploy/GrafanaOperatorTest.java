package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operators' Grafana (issue 15): a zone selector that every bin and job query of the city overview and dispatch
 * dashboards uses, tables that link each bin to its page in the console, one map with bins, trucks and routes, and
 * provisioned alert rules for overflowing bins, overdue urgent jobs and silent sensors.
 */
class GrafanaOperatorTest {
    static final List<String> ZONED = List.of("city-overview.json", "dispatch.json");
    /** Tables that belong to zones (through their bin); trucks and their routes serve the whole city. */
    static final Pattern ZONED_TABLE = Pattern.compile(
            "\\b(FROM|JOIN)\\s+(bins|bin_state|readings|jobs|job_events|rejected_messages|unplanned_emptyings)\\b");

    static JsonNode dashboard(String file) {
        return Dashboards.read(DeployTree.resolve(Dashboards.DIRECTORY + "/" + file));
    }

    @Test
    void theCityAndDispatchDashboardsHaveAZoneSelectorThatEveryBinAndJobQueryUses() {
        for (String file : ZONED) {
            JsonNode d = dashboard(file);
            JsonNode zone = variable(d, "zone");
            assertThat(zone.path("type").asText()).isEqualTo("query");
            assertThat(zone.path("datasource").path("uid").asText()).isEqualTo(Dashboards.POSTGRES_UID);
            assertThat(zone.path("query").asText()).contains("FROM zones");
            assertThat(zone.path("includeAll").asBoolean()).isTrue();
            // All is the whole city: the queries test $zone = '*'
            assertThat(zone.path("allValue").asText()).isEqualTo("'*'");
            List<String> unscoped = new ArrayList<>();
            int scoped = 0;
            for (JsonNode panel : Dashboards.panels(d)) {
                for (JsonNode target : panel.path("targets")) {
                    String sql = target.path("rawSql").asText("");
                    if (ZONED_TABLE.matcher(sql).find()) {
                        if (sql.contains("$zone")) {
                            scoped++;
                        } else {
                            unscoped.add(panel.path("title").asText());
                        }
                    }
                }
            }
            assertThat(unscoped).as(file + ": bin and job queries without $zone").isEmpty();
            assertThat(scoped).as(file).isGreaterThan(5);
        }
    }

    @Test
    void everyTableOfBinsLinksEachBinToItsPageInTheConsole() {
        int linked = 0;
        for (String file : ZONED) {
            JsonNode d = dashboard(file);
            assertThat(variable(d, "console").path("query").asText()).startsWith("http");
            for (JsonNode panel : Dashboards.panels(d)) {
                boolean hasBins = false;
                for (JsonNode target : panel.path("targets")) {
                    hasBins |= target.path("rawSql").asText("").matches("(?s).*\\bAS bin\\b.*");
                }
                if (!hasBins || !List.of("table", "geomap").contains(panel.path("type").asText())) {
                    continue;
                }
                String links = panel.path("fieldConfig").path("overrides").toString();
                assertThat(links).as(panel.path("title").asText()).contains("\"options\":\"bin\"")
                        .contains("${console}/#bin=${__value.raw}");
                linked++;
            }
        }
        assertThat(linked).isGreaterThanOrEqualTo(4);
    }

    @Test
    void oneMapShowsBinsTrucksAndRoutes() {
        List<JsonNode> maps = new ArrayList<>();
        for (JsonNode panel : Dashboards.panels(dashboard("dispatch.json"))) {
            if (panel.path("type").asText().equals("geomap") && panel.path("title").asText().startsWith("City map")) {
                maps.add(panel);
            }
        }
        assertThat(maps).hasSize(1);
        JsonNode map = maps.get(0);
        Map<String, String> byRef = new java.util.HashMap<>();
        for (JsonNode target : map.path("targets")) {
            byRef.put(target.path("refId").asText(), target.path("rawSql").asText());
        }
        List<String> layers = new ArrayList<>();
        for (JsonNode layer : map.path("options").path("layers")) {
            String ref = layer.path("filterData").path("options").asText();
            assertThat(byRef).as(layer.path("name").asText()).containsKey(ref);
            assertThat(byRef.get(ref)).contains("AS latitude").contains("AS longitude");
            layers.add(layer.path("type").asText() + " " + layer.path("name").asText());
        }
        assertThat(layers).containsExactlyInAnyOrder("markers Bins", "markers Trucks", "route Routes");
    }

    @Test
    void alertRulesWatchOverflowingBinsOverdueUrgentJobsAndSilentSensorsWithoutAContactPoint() {
        List<Map<String, Object>> rules = AlertRules.rules();
        assertThat(rules).extracting(r -> r.get("title"))
                .containsExactlyInAnyOrder("Overflowing bins", "Overdue urgent jobs", "Silent sensors");
        for (Map<String, Object> rule : rules) {
            List<String> refs = AlertRules.data(rule).stream().map(d -> (String) d.get("refId")).toList();
            assertThat(refs).contains((String) rule.get("condition"));
            assertThat(AlertRules.sql(rule)).hasSize(1).allSatisfy(sql -> assertThat(sql).startsWith("SELECT count(*)"));
            assertThat(Duration.parse("PT" + ((String) rule.get("for")).toUpperCase())).isPositive();
            assertThat((String) rule.get("uid")).startsWith("clearway-");
        }
        // the contact point is the city's: none is provisioned, and no receiver address is in the repository
        Path alerting = DeployTree.resolve("grafana/provisioning/alerting");
        assertThat(DeployTree.files(".yaml", ".yml").stream().filter(p -> p.startsWith(alerting)))
                .allSatisfy(p -> assertThat(DeployTree.read(p)).doesNotContain("contactPoints:").doesNotContain("receivers:"));
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no variable " + name + " in " + dashboard.path("title").asText());
    }
}
