package org.clearway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The provisioned Grafana dashboards and what their panels query. */
final class Dashboards {
    static final String DIRECTORY = "grafana/provisioning/dashboards";
    static final String PROMETHEUS_UID = "clearway-prom";
    static final String POSTGRES_UID = "clearway-pg";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {
    }

    /** One query of a panel (or of a template variable, whose panel is {@code $name}). */
    record Query(String dashboard, String panel, String datasourceUid, String text) {
        @Override
        public String toString() {
            return dashboard + " / " + panel;
        }
    }

    static List<Path> files() {
        return DeployTree.files(".json").stream()
                .filter(p -> p.startsWith(DeployTree.resolve(DIRECTORY)))
                .toList();
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + file, e);
        }
    }

    /** Every panel but rows, nested ones (in collapsed rows) included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        collect(dashboard.path("panels"), panels);
        return panels;
    }

    private static void collect(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            if ("row".equals(panel.path("type").asText())) {
                collect(panel.path("panels"), into);
            } else {
                into.add(panel);
            }
        }
    }

    /** Every panel target's query and every query variable's, in all dashboards. */
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : files()) {
            JsonNode dashboard = read(file);
            String title = dashboard.path("title").asText();
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String uid = target.path("datasource").path("uid").asText(panel.path("datasource").path("uid").asText());
                    String text = target.has("rawSql") ? target.path("rawSql").asText() : target.path("expr").asText();
                    queries.add(new Query(title, panel.path("title").asText(), uid, text));
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asText())) {
                    JsonNode query = variable.path("query");
                    String text = query.isTextual() ? query.asText() : query.path("query").asText();
                    queries.add(new Query(title, "$" + variable.path("name").asText(),
                            variable.path("datasource").path("uid").asText(), text));
                }
            }
        }
        return queries;
    }

    static List<Query> sqlQueries() {
        return queries().stream().filter(q -> q.datasourceUid().equals(POSTGRES_UID)).toList();
    }

    static List<Query> promQueries() {
        return queries().stream().filter(q -> q.datasourceUid().equals(PROMETHEUS_UID)).toList();
    }
}
