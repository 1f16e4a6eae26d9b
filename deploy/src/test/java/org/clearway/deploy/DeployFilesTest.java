package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.deploy.YamlFiles.list;
import static org.clearway.deploy.YamlFiles.loadAll;
import static org.clearway.deploy.YamlFiles.map;
import static org.clearway.deploy.DeployObjects.compose;
import static org.clearway.deploy.DeployObjects.composeDirectory;
import static org.clearway.deploy.DeployObjects.containerPort;
import static org.clearway.deploy.DeployObjects.image;
import static org.clearway.deploy.DeployObjects.kubernetesObjects;
import static org.clearway.deploy.DeployObjects.name;
import static org.clearway.deploy.DeployObjects.names;
import static org.clearway.deploy.DeployObjects.refs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment files, read as the tools that use them would: every YAML file parses, the
 * Compose services have health checks and name their images or builds, every Kubernetes workload
 * has limits, probes and its configuration from a ConfigMap and a Secret, the alert rules and the
 * dashboards use metrics that exist, and every dashboard panel queries a provisioned data source.
 */
class DeployFilesTest {
    private static final Set<String> COMPOSE_SERVICES = Set.of("timescaledb", "mosquitto", "ingest", "dispatch-1",
            "dispatch-2", "api", "simulator", "prometheus", "grafana");
    /** The HTTP port of each workload's /health and /metrics. */
    private static final Map<String, Integer> HTTP_PORTS = Map.of("clearway-ingest", 8081, "clearway-dispatch", 8083,
            "clearway-api", 8082);
    private static final Set<String> DATASOURCE_UIDS = Set.of(Dashboards.PROMETHEUS_UID, Dashboards.POSTGRES_UID);
    private static Set<String> knownMetrics;

    @BeforeAll
    static void readMetricNames() {
        knownMetrics = KnownMetrics.all();
    }

    static List<Path> yamlFiles() {
        return DeployTree.files(".yml", ".yaml");
    }

    @ParameterizedTest
    @MethodSource("yamlFiles")
    void everyYamlFileParsesToMappings(Path file) {
        List<Object> documents = loadAll(file);
        assertThat(documents).as(file.toString()).isNotEmpty().allSatisfy(d -> assertThat(d).isInstanceOf(Map.class));
    }

    @Test
    void everyComposeServiceHasAHealthCheckAndAnImageOrABuild() {
        Map<String, Object> services = map(compose(), "services");
        assertThat(services.keySet()).containsAll(COMPOSE_SERVICES);
        services.forEach((name, value) -> {
            Map<String, Object> service = map(value);
            Map<String, Object> healthcheck = map(service, "healthcheck");
            assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(true);
            assertThat(list(healthcheck, "test")).as(name + " health check").hasSizeGreaterThan(1);
            assertThat(service.containsKey("image") || service.containsKey("build")).as(name + " names its image").isTrue();
        });
        assertThat(image(services, "timescaledb")).startsWith("timescale/timescaledb:");
        assertThat(image(services, "mosquitto")).isEqualTo("eclipse-mosquitto:2");
        assertThat(image(services, "prometheus")).startsWith("prom/prometheus:");
        assertThat(image(services, "grafana")).startsWith("grafana/grafana:");
        assertThat(list(map(services, "simulator"), "profiles")).containsExactly("simulator");
        for (String service : List.of("timescaledb", "mosquitto", "ingest", "dispatch-1", "dispatch-2", "api", "prometheus", "grafana")) {
            assertThat(map(services, service)).as(service + " starts by default").doesNotContainKey("profiles");
        }
    }

    @Test
    void composeBuildsTheServicesFromTheirDockerfilesWithTheWrapper() {
        Map<String, Object> services = map(compose(), "services");
        // Compose service -> module and main class.
        Map<String, List<String>> builds = Map.of("ingest", List.of("ingest", "org.clearway.ingest.app.IngestMain"),
                "simulator", List.of("simulator", "org.clearway.simulator.cli.SimulatorCommand"),
                "dispatch-1", List.of("dispatch", "org.clearway.dispatch.app.DispatchMain"),
                "dispatch-2", List.of("dispatch", "org.clearway.dispatch.app.DispatchMain"),
                "api", List.of("dashboard-api", "org.clearway.api.app.ApiMain"));
        builds.forEach((service, build0) -> {
            String module = build0.get(0);
            String mainClass = build0.get(1);
            Map<String, Object> build = map(map(services, service), "build");
            Path context = composeDirectory().resolve((String) build.get("context")).normalize();
            assertThat(context).isEqualTo(DeployTree.repository());
            Path dockerfile = context.resolve((String) build.get("dockerfile"));
            assertThat(dockerfile).as(service).isRegularFile();
            String text = DeployTree.read(dockerfile);
            assertThat(text).contains("FROM eclipse-temurin:21-jdk AS build", "./mvnw ", "-pl " + module,
                    "FROM eclipse-temurin:21-jre", "\"" + mainClass + "\"");
            Path source = DeployTree.repository().resolve(module + "/src/main/java/" + mainClass.replace('.', '/') + ".java");
            assertThat(source).as("the main class of " + service).isRegularFile();
        });
        Map<String, Object> ingest = map(services, "ingest");
        Map<String, Object> dependsOn = map(ingest, "depends_on");
        for (String dependency : List.of("timescaledb", "mosquitto")) {
            assertThat(map(dependsOn, dependency)).containsEntry("condition", "service_healthy");
        }
        assertThat(map(ingest, "environment")).containsEntry("CLEARWAY_MQTT_USERNAME", "clearway-ingest")
                .as("a plain subscription, which Mosquitto 2.0 keeps across its restart (docs/faults.md)")
                .containsEntry("CLEARWAY_INGEST_SHARE_GROUP", "none")
                .containsKeys("CLEARWAY_DB_URL", "CLEARWAY_MQTT_URL", "CLEARWAY_MQTT_PASSWORD", "CLEARWAY_INGEST_CLIENT_ID");
    }

    @Test
    void everyBindMountOfComposeExists() {
        map(compose(), "services").forEach((name, value) -> {
            for (Object volume : map(value).containsKey("volumes") ? list(map(value), "volumes") : List.of()) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(composeDirectory().resolve(source).normalize()).as(name + ": " + volume).exists();
                }
            }
        });
        assertThat(composeDirectory().resolve("initdb/10-grafana-reader.sh")).isExecutable();
        assertThat(DeployTree.resolve("mosquitto/compose/start.sh")).isExecutable();
    }

    @Test
    void composeBrokerAuthenticatesEveryClientAndLimitsSensorsToTheirOwnTopic() {
        String config = DeployTree.read(DeployTree.resolve("mosquitto/compose/mosquitto.conf"));
        assertThat(config.lines().map(String::strip)).contains("allow_anonymous false",
                "password_file /mosquitto/auth/password_file", "acl_file /mosquitto/auth/acl_file",
                "max_inflight_messages 0", "max_queued_messages 1000000");
        assertThat(config.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")))
                .as("devices get their username as client id on 1883; the services have 1885 and its own accounts")
                .containsSubsequence("per_listener_settings true", "listener 1883", "allow_anonymous false",
                        "password_file /mosquitto/auth/password_file", "use_username_as_clientid true", "listener 1885",
                        "allow_anonymous false", "password_file /mosquitto/auth/service_password_file");
        List<String> acl = DeployTree.read(DeployTree.resolve("mosquitto/compose/acl_file")).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(acl).containsSubsequence("user clearway-ingest", "topic read $share/clearway-ingest/bins/#",
                "topic read bins/#", "topic write bins/+/decoded", "user clearway-simulator", "topic write bins/#");
        assertThat(acl).as("no sensor may forge ingest's relay of decoded readings")
                .noneMatch(l -> l.startsWith("pattern") && l.contains("decoded"));
        // The dispatch block is the one DeviceCredentials generates (ServiceAcl), without a prefix.
        List<String> dispatch = ServiceAcl.dispatch("clearway-dispatch", "clearway-dispatch", "").stream()
                .filter(l -> !l.isEmpty()).toList();
        assertThat(acl).containsSubsequence(dispatch);
        assertThat(acl).contains("pattern write bins/%u/telemetry");
        assertThat(acl).filteredOn(l -> l.startsWith("pattern")).containsExactly("pattern write bins/%u/telemetry");
        String start = DeployTree.read(DeployTree.resolve("mosquitto/compose/start.sh"));
        for (String user : List.of("clearway-ingest", "clearway-dispatch")) {
            assertThat(start).contains("mosquitto_passwd -b \"$services.new\" " + user + " ");
        }
        for (String user : List.of("clearway-simulator", "clearway-healthcheck")) {
            assertThat(start).contains("mosquitto_passwd -b \"$file.new\" " + user + " ");
        }
        for (String service : List.of("ingest", "dispatch-1", "dispatch-2")) {
            assertThat(map(map(map(compose(), "services"), service), "environment"))
                    .as(service + " on the services' listener").containsEntry("CLEARWAY_MQTT_URL", "tcp://mosquitto:1885");
        }
        assertThat(start).contains("cp \"$root/config/acl_file\" \"$acl.new\"", "cat \"$device_acl\" >> \"$acl.new\"",
                "cat \"$device_acl\" > \"$certificate_acl.new\"");
        // Issue 17: SIGHUP refreshes every file and reaches Mosquitto, so revocations apply without a restart.
        assertThat(start).contains("trap 'seen=$(stamp); reload' HUP", "kill -HUP \"$pid\"", "mv \"$new\" \"${new%.new}\"");
        // ... and then closes the open sessions of the devices that lost their ACL block (a clean-session takeover).
        assertThat(start).contains("mosquitto_passwd -b \"$services.new\" clearway-credentials \"$closer_password\"",
                "services_port=${CLEARWAY_BROKER_SERVICES_PORT:-1885}",
                "mosquitto_pub -h 127.0.0.1 -p \"$services_port\" -u clearway-credentials -P \"$closer_password\" -i \"$id\"");
        Map<String, Object> mosquitto = map(map(compose(), "services"), "mosquitto");
        assertThat(list(mosquitto, "entrypoint")).containsExactly("/bin/sh", "/mosquitto/config/start.sh");
        assertThat(list(mosquitto, "ports")).as("only the TLS listeners on the host")
                .allMatch(p -> ((String) p).endsWith(":8883") || ((String) p).endsWith(":8884") || ((String) p).endsWith(":8443"));
        List<String> lines = config.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(lines).as("issue 17: devices over TLS with a password, with a certificate, and over WebSockets")
                .containsSubsequence("listener 8883", "allow_anonymous false", "password_file /mosquitto/auth/password_file",
                        "use_username_as_clientid true", "certfile /mosquitto/tls/server.crt", "keyfile /mosquitto/tls/server.key",
                        "listener 8884", "allow_anonymous false", "require_certificate true", "use_identity_as_username true",
                        "use_username_as_clientid true", "acl_file /mosquitto/auth/certificate_acl_file",
                        "cafile /mosquitto/tls/device-ca.crt", "crlfile /mosquitto/tls/crl.pem",
                        "listener 8443", "protocol websockets", "allow_anonymous false", "certfile /mosquitto/tls/server.crt");
        assertThat(map(mosquitto, "environment")).containsKeys("CLEARWAY_MQTT_INGEST_PASSWORD",
                "CLEARWAY_MQTT_DISPATCH_PASSWORD", "CLEARWAY_MQTT_SIMULATOR_PASSWORD", "CLEARWAY_MQTT_HEALTHCHECK_PASSWORD");
    }

    @Test
    void everyKubernetesWorkloadHasLimitsProbesAndItsConfiguration() {
        List<Map<String, Object>> objects = kubernetesObjects();
        Set<String> configMaps = names(objects, "ConfigMap");
        Set<String> secrets = names(objects, "Secret");
        List<Map<String, Object>> workloads = objects.stream()
                .filter(o -> Set.of("Deployment", "StatefulSet").contains(o.get("kind"))).toList();
        assertThat(workloads.stream().map(w -> name(w)).toList()).containsAll(HTTP_PORTS.keySet());
        // The broker (mosquitto.yaml) has no HTTP port and takes its files from volumes: checked on its own.
        Map<String, Object> broker = workloads.stream().filter(w -> "clearway-mosquitto".equals(name(w))).findFirst().orElseThrow();
        Map<String, Object> brokerContainer = map(list(map(map(map(broker, "spec"), "template"), "spec"), "containers").get(0));
        assertThat(map(map(brokerContainer, "resources"), "limits")).containsKeys("cpu", "memory");
        assertThat(map(brokerContainer, "livenessProbe")).containsKey("tcpSocket");
        assertThat(map(brokerContainer, "readinessProbe")).containsKey("tcpSocket");
        workloads = workloads.stream().filter(w -> HTTP_PORTS.containsKey(name(w))).toList();
        for (Map<String, Object> workload : workloads) {
            Map<String, Object> podSpec = map(map(map(workload, "spec"), "template"), "spec");
            for (Object c : list(podSpec, "containers")) {
                Map<String, Object> container = map(c);
                String what = name(workload) + "/" + container.get("name");
                Map<String, Object> resources = map(container, "resources");
                assertThat(map(resources, "limits")).as(what).containsKeys("cpu", "memory");
                assertThat(map(resources, "requests")).as(what).containsKeys("cpu", "memory");
                assertThat(map(container, "livenessProbe").keySet()).as(what).containsAnyOf("httpGet", "tcpSocket");
                assertThat(map(map(container, "readinessProbe"), "httpGet")).as(what).containsEntry("path", "/health");
                List<Object> envFrom = list(container, "envFrom");
                Set<String> fromConfigMaps = refs(envFrom, "configMapRef");
                Set<String> fromSecrets = refs(envFrom, "secretRef");
                assertThat(fromConfigMaps).as(what).isNotEmpty();
                assertThat(configMaps).as(what).containsAll(fromConfigMaps);
                assertThat(fromSecrets).as(what).isNotEmpty();
                assertThat(secrets).as(what).containsAll(fromSecrets);
                Object port = map(map(container, "readinessProbe"), "httpGet").get("port");
                assertThat(containerPort(container, port)).as(what).isEqualTo(HTTP_PORTS.get(name(workload)));
            }
        }
    }

    @Test
    void ingestRunsAsAStatefulSetWithAStableClientIdPerReplica() {
        List<Map<String, Object>> objects = kubernetesObjects();
        Map<String, Object> ingest = objects.stream()
                .filter(o -> "StatefulSet".equals(o.get("kind")) && "clearway-ingest".equals(name(o)))
                .findFirst().orElseThrow();
        Map<String, Object> spec = map(ingest, "spec");
        assertThat(spec.get("replicas")).isEqualTo(2);
        assertThat(names(objects, "Service")).contains((String) spec.get("serviceName"));
        Map<String, Object> container = map(list(map(map(spec, "template"), "spec"), "containers").get(0));
        Map<String, Object> clientId = list(container, "env").stream().map(YamlFiles::map)
                .filter(e -> "CLEARWAY_INGEST_CLIENT_ID".equals(e.get("name"))).findFirst().orElseThrow();
        assertThat(map(map(clientId, "valueFrom"), "fieldRef")).containsEntry("fieldPath", "metadata.name");
        Map<String, Object> config = objects.stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")) && "clearway-config".equals(name(o))).findFirst().orElseThrow();
        assertThat(map(config, "data")).containsEntry("CLEARWAY_INGEST_SHARE_GROUP", "clearway-ingest")
                .containsKeys("CLEARWAY_DB_URL", "CLEARWAY_MQTT_URL");
        Map<String, Object> secret = objects.stream().filter(o -> "Secret".equals(o.get("kind"))).findFirst().orElseThrow();
        assertThat(map(secret, "stringData")).containsKeys("CLEARWAY_DB_USER", "CLEARWAY_DB_PASSWORD",
                "CLEARWAY_MQTT_USERNAME", "CLEARWAY_MQTT_PASSWORD");
        Set<String> namespaces = names(objects, "Namespace");
        objects.stream().filter(o -> !"Namespace".equals(o.get("kind")))
                .forEach(o -> assertThat(namespaces).as(name(o)).contains((String) map(o, "metadata").get("namespace")));
    }

    @Test
    void theIngestServiceAndPodsAreAnnotatedForScraping() {
        List<Map<String, Object>> objects = kubernetesObjects();
        Map<String, Object> service = objects.stream()
                .filter(o -> "Service".equals(o.get("kind")) && "clearway-ingest".equals(name(o))).findFirst().orElseThrow();
        Map<String, Object> statefulSet = objects.stream()
                .filter(o -> "StatefulSet".equals(o.get("kind")) && "clearway-ingest".equals(name(o))).findFirst().orElseThrow();
        for (Map<String, Object> metadata : List.of(map(service, "metadata"),
                map(map(map(statefulSet, "spec"), "template"), "metadata"))) {
            assertThat(map(metadata, "annotations")).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "8081").containsEntry("prometheus.io/path", "/metrics");
        }
        assertThat(map(map(map(statefulSet, "spec"), "selector"), "matchLabels").entrySet())
                .isEqualTo(map(map(service, "spec"), "selector").entrySet());
        List<Object> kustomized = list(map(DeployTree.resolve("k8s/kustomization.yaml")), "resources");
        assertThat(kustomized).containsExactlyInAnyOrderElementsOf(DeployTree.files(".yaml").stream()
                .filter(p -> p.getParent().equals(DeployTree.resolve("k8s")))
                .map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")).toList());
    }

    @Test
    void prometheusScrapesIngestWhereComposeRunsItAndLoadsTheRules() {
        Map<String, Object> config = map(DeployTree.resolve("prometheus/prometheus.yml"));
        for (Object rules : list(config, "rule_files")) {
            assertThat(DeployTree.resolve("prometheus").resolve((String) rules)).isRegularFile();
        }
        Map<String, Object> ingest = list(config, "scrape_configs").stream().map(YamlFiles::map)
                .filter(j -> "clearway-ingest".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertThat(ingest).containsEntry("metrics_path", "/metrics");
        List<Object> targets = list(map(list(ingest, "static_configs").get(0)), "targets");
        assertThat(targets).containsExactly("ingest:8081");
        assertThat(map(compose(), "services")).containsKey("ingest");
        List<Object> mounts = list(map(map(compose(), "services"), "prometheus"), "volumes");
        assertThat(mounts).contains("../prometheus:/etc/prometheus:ro");
    }

    @Test
    void everyAlertRuleUsesMetricsThatExist() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(map(DeployTree.resolve("prometheus/alerts.yml")), "groups")) {
            list(map(group), "rules").forEach(r -> rules.add(map(r)));
        }
        assertThat(rules).extracting(r -> (String) r.get("alert")).contains("ClearwayIngestStalled",
                "ClearwayIngestMessagesStopped", "ClearwayIngestRejectsRising", "ClearwayDatabaseUnreachable",
                "ClearwayBrokerDisconnected", "ClearwayCommitLatencyHigh", "ClearwayEndToEndLagHigh",
                "ClearwayDispatchDown", "ClearwayDispatchNoLeader", "ClearwayDispatchLeaderNotSubscribed",
                "ClearwayApiDown", "ClearwayApi5xxRate");
        for (Map<String, Object> rule : rules) {
            String expr = (String) rule.get("expr");
            String alert = (String) rule.get("alert");
            assertThat(KnownMetrics.referencedBy(expr)).as(alert).isNotEmpty();
            assertThat(knownMetrics).as(alert + ": " + expr).containsAll(KnownMetrics.referencedBy(expr));
            assertThat(map(rule, "labels")).as(alert).containsKey("severity");
            assertThat(map(rule, "annotations")).as(alert).containsKeys("summary", "description");
        }
        Map<String, String> byName = rules.stream()
                .collect(Collectors.toMap(r -> (String) r.get("alert"), r -> (String) r.get("expr")));
        assertThat(byName.get("ClearwayDatabaseUnreachable")).contains("clearway_ingest_database_up == 0");
        assertThat(byName.get("ClearwayIngestRejectsRising")).contains("clearway_ingest_rejected_total",
                "clearway_ingest_messages_received_total");
        assertThat(byName.get("ClearwayCommitLatencyHigh")).contains("histogram_quantile(0.99", "clearway_ingest_commit_seconds_bucket");
        assertThat(rules.stream().filter(r -> "ClearwayDatabaseUnreachable".equals(r.get("alert"))).findFirst().orElseThrow())
                .containsEntry("for", "1m");
    }

    @Test
    void theMetricNamesOfReadmeAreAllInUse() {
        String used = DeployTree.read(DeployTree.resolve("prometheus/alerts.yml"))
                + Dashboards.promQueries().stream().map(Dashboards.Query::text).collect(Collectors.joining("\n"));
        assertThat(KnownMetrics.documented()).hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(name -> assertThat(used).as(name).contains(name));
        // The dispatch metrics of docs/dispatch.md when the dispatch dashboard was made; newer ones may wait for a panel.
        List<String> dispatch = List.of("clearway_dispatch_leader", "clearway_dispatch_broker_connected",
                "clearway_dispatch_messages_total", "clearway_dispatch_jobs_created_total",
                "clearway_dispatch_jobs_suppressed_total", "clearway_dispatch_jobs_announced_total",
                "clearway_dispatch_readings_ignored_total", "clearway_dispatch_spikes_total", "clearway_dispatch_emptyings_total",
                "clearway_dispatch_unplanned_emptyings_total", "clearway_dispatch_stuck_flags_total",
                "clearway_dispatch_retries_total", "clearway_dispatch_leadership_acquired_total",
                "clearway_dispatch_leadership_lost_total", "clearway_dispatch_truck_updates_total");
        assertThat(KnownMetrics.documentedForDispatch()).as("docs/dispatch.md").containsAll(dispatch);
        assertThat(dispatch).allSatisfy(name -> assertThat(used).as(name).contains(name));
    }

    @Test
    void everyDashboardPanelQueriesAProvisionedDataSource() {
        List<Path> files = Dashboards.files();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("service-health.json", "city-overview.json", "dispatch.json", "community.json");
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        Set<String> panelTitles = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = Dashboards.read(file);
            assertThat(uids.add(dashboard.path("uid").asText())).as(file + " has a uid of its own").isTrue();
            titles.add(dashboard.path("title").asText());
            List<JsonNode> panels = Dashboards.panels(dashboard);
            assertThat(panels).as(file.toString()).isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : panels) {
                String what = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as(what + " has an id of its own").isTrue();
                assertThat(panelTitles.add(panel.path("title").asText())).as(what + " has a title no other panel has").isTrue();
                String uid = panel.path("datasource").path("uid").asText();
                assertThat(DATASOURCE_UIDS).as(what).contains(uid);
                assertThat(panel.path("targets").size()).as(what).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText(uid)).as(what).isEqualTo(uid);
                    if (uid.equals(Dashboards.POSTGRES_UID)) {
                        assertThat(target.path("rawSql").asText()).as(what).isNotBlank();
                        assertThat(target.path("rawQuery").asBoolean()).as(what).isTrue();
                        assertThat(target.path("rawSql").asText()).as(what + " runs on plain PostgreSQL").doesNotContain("time_bucket");
                    } else {
                        assertThat(target.path("expr").asText()).as(what).isNotBlank();
                    }
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                // a text box (the console's URL) queries nothing
                if (!"textbox".equals(variable.path("type").asText())) {
                    assertThat(DATASOURCE_UIDS).contains(variable.path("datasource").path("uid").asText());
                }
            }
        }
        assertThat(titles).containsExactlyInAnyOrder("Clearway — service health", "Clearway — city overview",
                "Clearway — dispatch", "Clearway — community report");
        JsonNode city = Dashboards.read(DeployTree.resolve(Dashboards.DIRECTORY + "/city-overview.json"));
        JsonNode map = Dashboards.panels(city).stream().filter(p -> "geomap".equals(p.path("type").asText()))
                .findFirst().orElseThrow();
        assertThat(map.path("targets").get(0).path("rawSql").asText()).contains("bin_state", "b.lat AS latitude",
                "b.lon AS longitude");
        JsonNode dispatch = Dashboards.read(DeployTree.resolve(Dashboards.DIRECTORY + "/dispatch.json"));
        JsonNode trucks = Dashboards.panels(dispatch).stream().filter(p -> "geomap".equals(p.path("type").asText()))
                .findFirst().orElseThrow();
        assertThat(trucks.path("targets").get(0).path("rawSql").asText()).contains("t.last_lat AS latitude",
                "t.last_lon AS longitude");
        JsonNode community = Dashboards.read(DeployTree.resolve(Dashboards.DIRECTORY + "/community.json"));
        assertThat(community.path("templating").path("list").findValuesAsText("name")).containsExactly("district", "community");
    }

    @Test
    void everyPrometheusPanelUsesMetricsThatExist() {
        List<Dashboards.Query> queries = Dashboards.promQueries();
        assertThat(queries).isNotEmpty();
        for (Dashboards.Query query : queries) {
            if (query.panel().startsWith("$")) {
                continue;
            }
            Set<String> referenced = KnownMetrics.referencedBy(query.text());
            assertThat(referenced).as(query + ": " + query.text()).isNotEmpty();
            assertThat(knownMetrics).as(query + ": " + query.text()).containsAll(referenced);
        }
    }

    @Test
    void grafanaProvisionsBothDataSourcesWithCredentialsFromTheEnvironment() {
        List<Object> datasources = list(map(DeployTree.resolve("grafana/provisioning/datasources/clearway.yaml")), "datasources");
        Map<String, Map<String, Object>> byUid = datasources.stream().map(YamlFiles::map)
                .collect(Collectors.toMap(d -> (String) d.get("uid"), d -> d));
        assertThat(byUid.keySet()).isEqualTo(DATASOURCE_UIDS);
        assertThat(byUid.get(Dashboards.PROMETHEUS_UID)).containsEntry("type", "prometheus")
                .containsEntry("url", "${CLEARWAY_PROMETHEUS_URL}");
        Map<String, Object> postgres = byUid.get(Dashboards.POSTGRES_UID);
        assertThat(postgres).containsEntry("type", "grafana-postgresql-datasource")
                .containsEntry("user", "${CLEARWAY_GRAFANA_DB_USER}");
        assertThat(map(postgres, "secureJsonData")).containsEntry("password", "${CLEARWAY_GRAFANA_DB_PASSWORD}");
        Map<String, Object> grafanaEnvironment = map(map(map(compose(), "services"), "grafana"), "environment");
        Pattern variable = Pattern.compile("\\$\\{([A-Z_]+)}");
        String settings = DeployTree.read(DeployTree.resolve("grafana/provisioning/datasources/clearway.yaml")).lines()
                .filter(l -> !l.strip().startsWith("#")).collect(Collectors.joining("\n"));
        Matcher m = variable.matcher(settings);
        while (m.find()) {
            assertThat(grafanaEnvironment).as("compose sets " + m.group(1) + " for Grafana").containsKey(m.group(1));
        }
        Map<String, Object> provider = map(list(map(DeployTree.resolve("grafana/provisioning/dashboards/clearway.yaml")),
                "providers").get(0));
        assertThat(map(provider, "options")).containsEntry("path", "/etc/grafana/provisioning/dashboards");
        assertThat(list(map(map(compose(), "services"), "grafana"), "volumes"))
                .contains("../grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void theReadmeGivesTheOneCommand() {
        assertThat(DeployTree.read(DeployTree.resolve("README.md")))
                .contains("docker compose -f deploy/compose/compose.yaml up -d", "kubectl apply -k deploy/k8s",
                        "org.clearway.deploy.DeviceCredentials");
    }
}
