package org.clearway.testsupport;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Finds directories of the checkout by walking up from the working directory. */
final class ProjectDirectories {
    private ProjectDirectories() {
    }

    static Path workingDirectory() {
        return Path.of("").toAbsolutePath().normalize();
    }

    /**
     * The first non-empty answer of {@code probe} for {@code start}, its parent, and so on up to
     * the file system's root.
     */
    static <T> Optional<T> walkUp(Path start, Function<Path, Optional<T>> probe) {
        for (Path directory = start.toAbsolutePath().normalize(); directory != null; directory = directory.getParent()) {
            Optional<T> found = probe.apply(directory);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
