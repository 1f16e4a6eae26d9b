package org.clearway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MosquittoConfigTest {

    @Test
    void listensOnTheContainerPortAndPersistsInTheDataVolumeKeepingEverythingElse() {
        String project = """
                # comment
                listener 1884 127.0.0.1
                allow_anonymous true
                max_queued_messages 1000000
                persistence true
                persistence_location /tmp/clearway-mosquitto/
                """;

        String derived = MosquittoConfig.forContainer(project);

        assertThat(derived.lines())
                .contains("listener 1883 0.0.0.0", "persistence_location /mosquitto/data/")
                .contains("# comment", "allow_anonymous true", "max_queued_messages 1000000", "persistence true")
                .doesNotContain("listener 1884 127.0.0.1", "persistence_location /tmp/clearway-mosquitto/");
        assertThat(derived).containsSubsequence("listener 1883 0.0.0.0", "allow_anonymous true");
        assertThat(derived.lines().filter(line -> line.startsWith("listener"))).hasSize(1);
    }

    @Test
    void addsTheSettingsWhereTheProjectFileHasNone() {
        String derived = MosquittoConfig.forContainer("allow_anonymous true\n");

        assertThat(derived.lines()).contains("allow_anonymous true", "listener 1883 0.0.0.0",
                "persistence_location /mosquitto/data/");
    }

    @Test
    void theProjectFileIsFoundFromTheModuleDirectory() {
        assertThat(MosquittoConfig.projectFile()).isRegularFile().endsWith(Path.of("deploy/mosquitto/clearway.conf"));
        assertThat(MosquittoConfig.forContainer(MosquittoConfig.projectFile())).contains("listener 1883 0.0.0.0")
                .as("the WebSocket listener, reachable through the container's mapped port")
                .contains("listener 9884 0.0.0.0\nprotocol websockets");
    }
}
