package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.deploy.DeployObjects.compose;
import static org.clearway.deploy.DeployObjects.containerPort;
import static org.clearway.deploy.DeployObjects.firstContainer;
import static org.clearway.deploy.DeployObjects.kubernetesObjects;
import static org.clearway.deploy.DeployObjects.object;
import static org.clearway.deploy.YamlFiles.list;
import static org.clearway.deploy.YamlFiles.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's promises, read from the Compose file and the Kubernetes manifests as a machine would run them (Docker does
 * not run where the tests run), so that a change that breaks one fails the build: the broker's public listeners speak
 * TLS only and are the only ones published or exposed (1883 and 1885 stay on the Compose network and the cluster),
 * the API answers HTTPS only and Kubernetes reaches it through an Ingress with TLS; and the broker's device files are
 * the ones the credentials sidecar keeps in step with the registry.
 */
class TlsByDefaultDeployTest {
    private static final List<String> TLS_LISTENERS = List.of("8883", "8884", "8443");

    @Test
    void composePublishesTheBrokersTlsListenersAndNothingPlain() {
        Map<String, Object> services = map(compose(), "services");
        assertThat(ports(map(services, "mosquitto"))).as("the broker's published ports").isNotEmpty()
                .allSatisfy(p -> assertThat(TLS_LISTENERS).contains(containerSide(p)));
        services.forEach((name, service) -> assertThat(ports(map(service))).as(name + " publishes no plain MQTT")
                .noneMatch(p -> containerSide(p).equals("1883") || containerSide(p).equals("1885")));
        tlsOnly(listeners(DeployTree.read(DeployTree.resolve("mosquitto/compose/mosquitto.conf"))), "Compose");
    }

    @Test
    void composeServesTheApiOverHttpsOnly() {
        Map<String, Object> api = map(map(compose(), "services"), "api");
        assertThat(map(api, "environment")).containsKeys("CLEARWAY_API_TLS_CERT", "CLEARWAY_API_TLS_KEY");
        assertThat(ports(api)).as("the API's one published port").hasSize(1)
                .allSatisfy(p -> assertThat(containerSide(p)).isEqualTo("8082"));
        assertThat(list(map(api, "healthcheck"), "test")).as("checked over HTTPS").anyMatch(a -> ((String) a).startsWith("https://"));
    }

    @Test
    void kubernetesExposesTheBrokersTlsListenersOnlyAndKeepsPlainMqttInTheCluster() {
        List<Map<String, Object>> objects = kubernetesObjects();
        Map<String, Object> broker = firstContainer(object(objects, "StatefulSet", "clearway-mosquitto"));
        tlsOnly(listeners((String) map(object(objects, "ConfigMap", "clearway-mosquitto"), "data").get("mosquitto.conf")),
                "Kubernetes");
        Map<String, Object> devices = map(object(objects, "Service", "mqtt-devices"), "spec");
        for (Object p : list(devices, "ports")) {
            int target = containerPort(broker, map(p).get("targetPort"));
            assertThat(TLS_LISTENERS).as("mqtt-devices exposes " + p).contains(Integer.toString(target));
        }
        for (Map<String, Object> service : objects.stream().filter(o -> "Service".equals(o.get("kind"))).toList()) {
            Map<String, Object> spec = map(service, "spec");
            String type = (String) spec.getOrDefault("type", "ClusterIP");
            if (!type.equals("ClusterIP")) {
                for (Object p : list(spec, "ports")) {
                    assertThat(map(p).get("port")).as(DeployObjects.name(service) + " (" + type + ") exposes no plain MQTT")
                            .isNotIn(1883, 1885);
                }
            }
        }
        assertThat(map(object(objects, "Service", "mqtt"), "spec").getOrDefault("type", "ClusterIP")).isEqualTo("ClusterIP");
        assertThat(map(object(objects, "Service", "clearway-api"), "spec").getOrDefault("type", "ClusterIP"))
                .as("the API only through the Ingress").isEqualTo("ClusterIP");
    }

    @Test
    void kubernetesReachesTheApiThroughAnIngressWithTlsOnly() {
        List<Map<String, Object>> ingresses = kubernetesObjects().stream().filter(o -> "Ingress".equals(o.get("kind"))).toList();
        assertThat(ingresses).as("the Ingress is enabled by default").isNotEmpty();
        for (Map<String, Object> ingress : ingresses) {
            List<Object> tls = list(map(ingress, "spec"), "tls");
            assertThat(tls).isNotEmpty().allSatisfy(t -> {
                assertThat(map(t).get("secretName")).isNotNull();
                assertThat(list(map(t), "hosts")).isNotEmpty();
            });
            assertThat(map(map(ingress, "metadata"), "annotations"))
                    .containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "true");
        }
    }

    @Test
    void theBrokersDeviceFilesAreTheOnesTheCredentialsSidecarWrites() {
        Map<String, Object> services = map(compose(), "services");
        assertThat(list(map(services, "mosquitto"), "volumes")).contains("mosquitto-devices:/mosquitto/devices:ro");
        Map<String, Object> sidecar = map(services, "credentials");
        assertThat(list(sidecar, "volumes")).containsExactly("mosquitto-devices:/devices");
        assertThat(list(sidecar, "command")).containsSubsequence("--out", "/devices", "--every");

        List<Map<String, Object>> objects = kubernetesObjects();
        Map<String, Object> pod = map(map(map(object(objects, "StatefulSet", "clearway-mosquitto"), "spec"), "template"), "spec");
        assertThat(pod).as("the sidecar signals Mosquitto").containsEntry("shareProcessNamespace", true);
        Map<String, Object> credentials = list(pod, "containers").stream().map(YamlFiles::map)
                .filter(c -> "credentials".equals(c.get("name"))).findFirst().orElseThrow();
        assertThat(list(credentials, "args")).containsSubsequence("--out", "/mosquitto/devices", "--every")
                .contains("--reload-command", "--close-sessions-url");
        String conf = (String) map(object(objects, "ConfigMap", "clearway-mosquitto"), "data").get("mosquitto.conf");
        assertThat(conf).contains("crlfile /mosquitto/devices/crl.pem", "password_file /mosquitto/devices/password_file",
                "acl_file /mosquitto/devices/acl_file").doesNotContain("/mosquitto/auth/password_file");
    }

    /** Each listener's settings, by port. */
    static Map<String, List<String>> listeners(String conf) {
        Map<String, List<String>> listeners = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : conf.lines().map(String::strip).toList()) {
            if (line.startsWith("listener ")) {
                current = new ArrayList<>();
                listeners.put(line.split("\\s+")[1], current);
            } else if (current != null && !line.isEmpty() && !line.startsWith("#")) {
                current.add(line);
            }
        }
        return listeners;
    }

    private static void tlsOnly(Map<String, List<String>> listeners, String where) {
        assertThat(listeners).as(where).containsKeys(TLS_LISTENERS.toArray(String[]::new));
        for (String port : TLS_LISTENERS) {
            assertThat(listeners.get(port)).as(where + " listener " + port + " speaks TLS only, to known accounts")
                    .anyMatch(l -> l.startsWith("certfile ")).anyMatch(l -> l.startsWith("keyfile "))
                    .contains("allow_anonymous false").anyMatch(l -> l.startsWith("tls_version tlsv1.2"));
        }
        assertThat(listeners.get("8884")).as(where + ": devices' certificates, checked against the CRL")
                .contains("require_certificate true", "use_identity_as_username true")
                .anyMatch(l -> l.startsWith("cafile ")).anyMatch(l -> l.startsWith("crlfile "));
        assertThat(listeners.get("8443")).contains("protocol websockets");
        assertThat(listeners).as(where + ": the plain listeners are the network's only").containsKeys("1883", "1885");
        assertThat(listeners.keySet()).as(where).containsExactlyInAnyOrder("1883", "1885", "8883", "8884", "8443");
    }

    private static List<String> ports(Map<String, Object> service) {
        return service.containsKey("ports") ? list(service, "ports").stream().map(String::valueOf).toList() : List.of();
    }

    /** The container's port of a Compose port mapping such as {@code "${ADDRESS:-127.0.0.1}:${PORT:-8883}:8883"}. */
    private static String containerSide(String mapping) {
        return mapping.substring(mapping.lastIndexOf(':') + 1);
    }
}
