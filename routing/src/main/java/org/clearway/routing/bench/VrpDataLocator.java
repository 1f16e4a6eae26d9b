package org.clearway.routing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the routing benchmark instances, which the repository carries in {@value #RELATIVE_PATH}:
 * from {@code CLEARWAY_VRP_DATA} (an explicit override: a folder laid out like vrp-data), else by
 * walking up from the working directory to the checkout's root (the first directory holding
 * {@code mvnw} and {@code pom.xml}) and taking its {@value #RELATIVE_PATH}. The walk stops at that
 * root: nothing outside the checkout is looked at.
 */
public final class VrpDataLocator {

    public static final String ENV = "CLEARWAY_VRP_DATA";
    public static final String RELATIVE_PATH = "benchmarks/vrp-data";

    private VrpDataLocator() {
    }

    public static Optional<Path> locate(Map<String, String> env, Path workingDir) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured.strip()).toAbsolutePath().normalize();
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        return inCheckout(workingDir);
    }

    /** The checkout's own {@value #RELATIVE_PATH}, whatever the environment says (what the tests use). */
    public static Optional<Path> inCheckout(Path workingDir) {
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                Path data = dir.resolve(RELATIVE_PATH);
                return Files.isDirectory(data) ? Optional.of(data) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Like {@link #locate}, but fails with a message that says how to point at the data. */
    public static Path require(Map<String, String> env, Path workingDir) {
        return locate(env, workingDir).orElseThrow(() -> new IllegalStateException(
                "benchmark data not found: run inside the Clearway checkout (its " + RELATIVE_PATH + " is found from "
                        + workingDir.toAbsolutePath() + " upwards to the checkout's root), or set " + ENV
                        + " (or --data-dir) to a folder laid out like " + RELATIVE_PATH
                        + (env.get(ENV) == null || env.get(ENV).isBlank() ? "" : " (" + ENV + " is " + env.get(ENV)
                        + ", which is not a directory)")));
    }
}
