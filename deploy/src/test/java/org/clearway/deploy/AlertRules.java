package org.clearway.deploy;

import static org.clearway.deploy.YamlFiles.list;
import static org.clearway.deploy.YamlFiles.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The provisioned Grafana alert rules (grafana/provisioning/alerting/clearway-alerts.yaml). */
final class AlertRules {
    static final Path FILE = DeployTree.resolve("grafana/provisioning/alerting/clearway-alerts.yaml");

    private AlertRules() {
    }

    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(map(FILE), "groups")) {
            for (Object rule : list(map(group), "rules")) {
                rules.add(map(rule));
            }
        }
        return rules;
    }

    static List<Map<String, Object>> data(Map<String, Object> rule) {
        return list(rule, "data").stream().map(YamlFiles::map).toList();
    }

    /** The rule's SQL queries (those on the PostgreSQL data source). */
    static List<String> sql(Map<String, Object> rule) {
        return data(rule).stream().filter(d -> Dashboards.POSTGRES_UID.equals(d.get("datasourceUid")))
                .map(d -> (String) map(d, "model").get("rawSql")).toList();
    }
}
