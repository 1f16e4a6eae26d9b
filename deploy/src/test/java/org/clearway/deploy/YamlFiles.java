package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML files read with SnakeYAML's safe constructor, and typed steps into what they hold (failing as assertions). */
final class YamlFiles {
    private YamlFiles() {
    }

    static List<Object> loadAll(Path file) {
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(DeployTree.read(file)).forEach(d -> {
            if (d != null) {
                documents.add(d);
            }
        });
        return documents;
    }

    static Map<String, Object> map(Path file) {
        List<Object> documents = loadAll(file);
        assertThat(documents).as(file.toString()).hasSize(1);
        return map(documents.get(0));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return (List<Object>) parent.get(key);
    }
}
