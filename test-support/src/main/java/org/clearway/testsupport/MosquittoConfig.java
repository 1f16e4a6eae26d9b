package org.clearway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project's Mosquitto configuration ({@code deploy/mosquitto/clearway.conf}), adapted to run
 * inside the eclipse-mosquitto container: the listener on all of the container's addresses at
 * the port the container exposes, and persistence in the image's data volume. Every other setting
 * (queue sizes, in-flight window, message size) is kept, so containers test what is deployed.
 */
final class MosquittoConfig {
    static final String RELATIVE_PATH = "deploy/mosquitto/clearway.conf";
    static final int CONTAINER_PORT = 1883;
    /** The WebSocket listener's port in the project's file (and in the container). */
    static final int WEBSOCKET_PORT = 9884;
    static final String CONTAINER_PATH = "/mosquitto/config/mosquitto.conf";

    private MosquittoConfig() {
    }

    /** The project's configuration file, found above the working directory. */
    static Path projectFile() {
        Path start = ProjectDirectories.workingDirectory();
        return ProjectDirectories.walkUp(start, directory -> Optional.of(directory.resolve(RELATIVE_PATH))
                        .filter(Files::isRegularFile))
                .orElseThrow(() -> new IllegalStateException("No " + RELATIVE_PATH + " in " + start + " or above"));
    }

    static String forContainer(Path projectFile) {
        try {
            return forContainer(Files.readString(projectFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + projectFile, e);
        }
    }

    /**
     * Replaces the first {@code listener} line and the {@code persistence_location} line in place
     * (options that follow a listener stay with it); appends them where missing.
     */
    static String forContainer(String projectConfig) {
        List<String> lines = new ArrayList<>(projectConfig.lines().toList());
        replaceOrAppend(lines, "listener", "listener " + CONTAINER_PORT + " 0.0.0.0");
        lines.replaceAll(line -> line.strip().equals("listener " + WEBSOCKET_PORT + " 127.0.0.1")
                ? "listener " + WEBSOCKET_PORT + " 0.0.0.0" : line);
        replaceOrAppend(lines, "persistence_location", "persistence_location /mosquitto/data/");
        return String.join("\n", lines) + "\n";
    }

    private static void replaceOrAppend(List<String> lines, String key, String replacement) {
        // Mosquitto takes '#' as a comment only at the start of a line.
        String comment = "# Set for the test container by org.clearway.testsupport.MosquittoConfig:";
        for (int i = 0; i < lines.size(); i++) {
            if (isSetting(lines.get(i), key)) {
                lines.set(i, replacement);
                lines.add(i, comment);
                return;
            }
        }
        lines.add(comment);
        lines.add(replacement);
    }

    private static boolean isSetting(String line, String key) {
        String trimmed = line.strip();
        return trimmed.equals(key) || trimmed.startsWith(key + " ") || trimmed.startsWith(key + "\t");
    }
}
