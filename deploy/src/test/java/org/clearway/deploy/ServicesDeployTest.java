package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.deploy.DeployObjects.compose;
import static org.clearway.deploy.DeployObjects.firstContainer;
import static org.clearway.deploy.DeployObjects.kubernetesObjects;
import static org.clearway.deploy.DeployObjects.object;
import static org.clearway.deploy.YamlFiles.list;
import static org.clearway.deploy.YamlFiles.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Dispatch and the dashboard API in the deployment files: Compose runs a dispatch leader and a standby with one
 * client id and the API, every setting documented and every secret from deploy/compose/.env; Kubernetes runs
 * dispatch as two replicas with one client id and a Secret of its own, the API behind a Service; Prometheus
 * scrapes them where Compose runs them.
 */
class ServicesDeployTest {
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]+}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKENS|SECRET).*");

    @Test
    void composeRunsADispatchLeaderAndAStandbyWithOneClientId() {
        Map<String, Object> services = map(compose(), "services");
        Map<String, Object> one = map(services, "dispatch-1");
        Map<String, Object> two = map(services, "dispatch-2");
        Map<String, Object> env1 = map(one, "environment");
        Map<String, Object> env2 = map(two, "environment");
        assertThat(env1.get("CLEARWAY_DISPATCH_CLIENT_ID")).isEqualTo("clearway-dispatch").isEqualTo(env2.get("CLEARWAY_DISPATCH_CLIENT_ID"));
        assertThat(env1.get("CLEARWAY_DISPATCH_INSTANCE")).isEqualTo("dispatch-1");
        assertThat(env2.get("CLEARWAY_DISPATCH_INSTANCE")).isEqualTo("dispatch-2");
        assertThat(env1).containsEntry("CLEARWAY_MQTT_USERNAME", "clearway-dispatch")
                .containsEntry("CLEARWAY_DISPATCH_SHARE_GROUP", "none");
        for (Map<String, Object> dispatch : List.of(one, two)) {
            assertThat(dispatch.get("image")).isEqualTo("clearway/dispatch:dev");
            for (String dependency : List.of("timescaledb", "mosquitto")) {
                assertThat(map(map(dispatch, "depends_on"), dependency)).containsEntry("condition", "service_healthy");
            }
            assertThat(list(map(dispatch, "healthcheck"), "test")).contains("http://127.0.0.1:8083/health");
            assertThat(map(dispatch, "environment").keySet()).isEqualTo(env1.keySet());
        }
        assertThat(list(one, "ports")).isNotEqualTo(list(two, "ports"));
        Map<String, Object> api = map(services, "api");
        assertThat(map(api, "environment")).containsKeys("CLEARWAY_DB_URL", "CLEARWAY_DB_PASSWORD", "CLEARWAY_API_TOKENS")
                .containsEntry("CLEARWAY_API_PORT", "8082");
        assertThat(map(map(api, "depends_on"), "timescaledb")).containsEntry("condition", "service_healthy");
        assertThat(list(map(api, "healthcheck"), "test")).contains("https://localhost:8082/health");
        assertThat(map(api, "environment")).as("issue 17: HTTPS only").containsKeys("CLEARWAY_API_TLS_CERT", "CLEARWAY_API_TLS_KEY");
    }

    @Test
    void everySettingOfTheServicesIsDocumented() {
        String documentation = DeployTree.read(DeployTree.repository().resolve("README.md"))
                + DeployTree.read(DeployTree.repository().resolve("docs/dispatch.md"))
                + DeployTree.read(DeployTree.repository().resolve("docs/api.md"));
        Map<String, Object> services = map(compose(), "services");
        for (String service : List.of("ingest", "dispatch-1", "dispatch-2", "api", "simulator")) {
            for (String key : map(map(services, service), "environment").keySet()) {
                assertThat(documentation).as(service + ": " + key).contains("`" + key + "`");
            }
        }
        String config = DeployTree.read(DeployTree.resolve("k8s/config.yaml"));
        for (Object key : map(object(kubernetesObjects(), "ConfigMap", "clearway-config"), "data").keySet()) {
            assertThat(documentation).as("k8s/config.yaml: " + key).contains("`" + key + "`");
        }
        assertThat(config).contains("CLEARWAY_DISPATCH_CLIENT_ID");
    }

    @Test
    void composeTakesEverySecretFromItsEnvFileAndWritesNone() {
        String text = DeployTree.read(DeployTree.resolve("compose/compose.yaml"));
        Map<String, Object> services = map(compose(), "services");
        Set<String> required = new TreeSet<>();
        services.forEach((name, service) -> {
            Map<String, Object> s = map(service);
            if (!s.containsKey("environment")) {
                return;
            }
            map(s, "environment").forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches()) {
                    Matcher m = REQUIRED.matcher(String.valueOf(value));
                    assertThat(m.matches()).as(name + ": " + key + " must be ${VARIABLE:?message}, not " + value).isTrue();
                    required.add(m.group(1));
                }
            });
        });
        assertThat(required).contains("CLEARWAY_DB_PASSWORD", "CLEARWAY_MQTT_DISPATCH_PASSWORD", "CLEARWAY_API_TOKENS",
                "GRAFANA_ADMIN_PASSWORD");
        assertThat(text).doesNotContain(":-clearway-dev", ":-admin}", "-dev}");
        List<String> example = DeployTree.read(DeployTree.resolve("compose/.env.example")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        List<String> expected = new ArrayList<>();
        required.forEach(v -> expected.add(v + "="));
        assertThat(example).as(".env.example lists every required setting, empty").containsAll(expected);
        assertThat(DeployTree.read(DeployTree.resolve("compose/.gitignore")).lines()).contains(".env");
        String readme = DeployTree.read(DeployTree.resolve("README.md"));
        required.forEach(v -> assertThat(readme).as("deploy/README.md documents " + v).contains("`" + v + "`"));
    }

    @Test
    void kubernetesRunsDispatchAsTwoReplicasOfOneClientIdWithSecretsOfTheirOwn() {
        List<Map<String, Object>> objects = kubernetesObjects();
        Map<String, Object> dispatch = object(objects, "Deployment", "clearway-dispatch");
        Map<String, Object> spec = map(dispatch, "spec");
        assertThat(spec.get("replicas")).isEqualTo(2);
        assertThat(map(map(spec, "strategy"), "rollingUpdate")).containsEntry("maxUnavailable", 0);
        Map<String, Object> container = firstContainer(dispatch);
        List<String> envNames = list(container, "env").stream().map(e -> (String) map(e).get("name")).toList();
        assertThat(envNames).as("the client id is the ConfigMap's, the same for every replica")
                .doesNotContain("CLEARWAY_DISPATCH_CLIENT_ID").contains("CLEARWAY_DISPATCH_INSTANCE");
        assertThat(map(object(objects, "ConfigMap", "clearway-config"), "data"))
                .containsEntry("CLEARWAY_DISPATCH_CLIENT_ID", "clearway-dispatch").containsEntry("CLEARWAY_API_PORT", "8082");
        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/health");
        assertThat(object(objects, "PodDisruptionBudget", "clearway-dispatch")).isNotNull();

        Map<String, String> mqttUsers = Map.of("clearway-secrets", "clearway-ingest", "clearway-dispatch-secrets", "clearway-dispatch");
        mqttUsers.forEach((secret, user) ->
                assertThat(map(object(objects, "Secret", secret), "stringData")).containsEntry("CLEARWAY_MQTT_USERNAME", user));
        assertThat(map(object(objects, "Secret", "clearway-api-secrets"), "stringData")).containsKeys("CLEARWAY_DB_PASSWORD",
                "CLEARWAY_API_TOKENS");
        for (Map<String, Object> secret : objects.stream().filter(o -> "Secret".equals(o.get("kind"))).toList()) {
            map(secret, "stringData").forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches()) {
                    assertThat(value).as(key + " is a placeholder").isEqualTo("change-me");
                }
            });
        }
    }

    @Test
    void theApiServiceReachesItsPods() {
        List<Map<String, Object>> objects = kubernetesObjects();
        Map<String, Object> api = object(objects, "Deployment", "clearway-api");
        Map<String, Object> service = object(objects, "Service", "clearway-api");
        assertThat(map(map(service, "spec"), "selector").entrySet())
                .isEqualTo(map(map(map(api, "spec"), "selector"), "matchLabels").entrySet());
        Map<String, Object> port = map(list(map(service, "spec"), "ports").get(0));
        Map<String, Object> container = firstContainer(api);
        assertThat(DeployObjects.containerPort(container, port.get("targetPort"))).isEqualTo(8082);
        assertThat(map(list(container, "envFrom").get(1))).containsKey("secretRef");
        assertThat(DeployObjects.refs(list(container, "envFrom"), "secretRef")).containsExactly("clearway-api-secrets");
    }

    @Test
    void prometheusScrapesDispatchAndTheApiWhereComposeRunsThem() {
        Map<String, Object> config = map(DeployTree.resolve("prometheus/prometheus.yml"));
        Map<String, List<Object>> targets = list(config, "scrape_configs").stream().map(YamlFiles::map)
                .filter(j -> j.containsKey("static_configs"))
                .collect(Collectors.toMap(j -> (String) j.get("job_name"), j -> list(map(list(j, "static_configs").get(0)), "targets")));
        assertThat(targets.get("clearway-dispatch")).containsExactly("dispatch-1:8083", "dispatch-2:8083");
        assertThat(targets.get("clearway-api")).containsExactly("api:8082");
        Set<String> services = map(compose(), "services").keySet();
        for (String job : List.of("clearway-ingest", "clearway-dispatch", "clearway-api")) {
            for (Object target : targets.get(job)) {
                assertThat(services).as(job + " scrapes " + target).contains(((String) target).split(":")[0]);
            }
        }
    }
}
