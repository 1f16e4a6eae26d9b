package org.clearway.dispatch.routing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the shared {@code vrp-data} folder: from {@code CLEARWAY_SHARED_DIR} (the shared folder, or vrp-data
 * itself), else by walking up from the working directory looking for {@code shared/vrp-data} or
 * {@code ../shared/vrp-data}.
 */
public final class VrpDataLocator {

    public static final String ENV = "CLEARWAY_SHARED_DIR";

    private VrpDataLocator() {
    }

    public static Optional<Path> locate(Map<String, String> env, Path workingDir) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (Files.isDirectory(dir.resolve("vrp-data"))) {
                return Optional.of(dir.resolve("vrp-data").toAbsolutePath().normalize());
            }
            if (Files.isDirectory(dir.resolve("cvrplib"))) {
                return Optional.of(dir.toAbsolutePath().normalize());
            }
        }
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/vrp-data"), dir.resolve("../shared/vrp-data")}) {
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }

    /** Like {@link #locate}, but fails with a message that says how to point at the data. */
    public static Path require(Map<String, String> env, Path workingDir) {
        return locate(env, workingDir).orElseThrow(() -> new IllegalStateException(
                "benchmark data not found: set " + ENV + " to the shared folder that holds vrp-data/, or run from a "
                        + "directory below one that has shared/vrp-data (searched upwards from " + workingDir.toAbsolutePath() + ")"));
    }
}
