package org.clearway.deploy;

import static org.clearway.deploy.YamlFiles.list;
import static org.clearway.deploy.YamlFiles.loadAll;
import static org.clearway.deploy.YamlFiles.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The Compose file and the Kubernetes objects of deploy/, read for the tests, and steps into them. */
final class DeployObjects {
    private DeployObjects() {
    }

    static Path composeDirectory() {
        return DeployTree.resolve("compose");
    }

    static Map<String, Object> compose() {
        return map(composeDirectory().resolve("compose.yaml"));
    }

    static List<Map<String, Object>> kubernetesObjects() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Path file : DeployTree.files(".yaml", ".yml")) {
            if (file.getParent().equals(DeployTree.resolve("k8s")) && !file.endsWith("kustomization.yaml")) {
                loadAll(file).forEach(d -> objects.add(map(d)));
            }
        }
        return objects;
    }

    static String image(Map<String, Object> services, String service) {
        return (String) map(services, service).get("image");
    }

    static String name(Map<String, Object> object) {
        return (String) map(object, "metadata").get("name");
    }

    static Set<String> names(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).map(DeployObjects::name)
                .collect(Collectors.toSet());
    }

    static Set<String> refs(List<Object> envFrom, String kind) {
        return envFrom.stream().map(YamlFiles::map).filter(e -> e.containsKey(kind))
                .map(e -> (String) map(e, kind).get("name")).collect(Collectors.toSet());
    }

    /** A probe's port, by number or by the name of one of the container's ports. */
    static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return list(container, "ports").stream().map(YamlFiles::map)
                .filter(p -> port.equals(p.get("name"))).map(p -> (Integer) p.get("containerPort"))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    /** A Kubernetes object by kind and name. */
    static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The first container of a workload's pod template. */
    static Map<String, Object> firstContainer(Map<String, Object> workload) {
        return map(list(map(map(map(workload, "spec"), "template"), "spec"), "containers").get(0));
    }
}
