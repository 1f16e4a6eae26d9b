package org.clearway.lab.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No production class over {@link #MAX_LINES} lines: a walk over every module's {@code src/main/java} in this
 * checkout (the tests run in the lab module's directory, one below the repository's root).
 */
class ClassSizeTest {

    static final int MAX_LINES = 400;

    @Test
    void noProductionSourceFileIsOver400Lines() throws IOException {
        Path root = repositoryRoot();
        List<String> tooLong;
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').matches("[^/]+/src/main/java/.*"))
                    .toList();
        }
        tooLong = sources.stream().filter(p -> lines(p) > MAX_LINES)
                .map(p -> root.relativize(p) + ": " + lines(p) + " lines").sorted().toList();
        assertThat(sources).as("production sources found under %s", root).hasSizeGreaterThan(300);
        assertThat(tooLong).as("production classes over %d lines", MAX_LINES).isEmpty();
    }

    /** The directory above the lab module, checked to be the repository's root (its pom lists the lab). */
    static Path repositoryRoot() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(Files.readString(root.resolve("pom.xml"))).contains("<module>lab</module>");
        return root;
    }

    static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
