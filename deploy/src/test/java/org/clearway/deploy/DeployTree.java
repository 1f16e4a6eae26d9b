package org.clearway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of the {@code deploy/} module, which the tests run in. */
final class DeployTree {
    private DeployTree() {
    }

    /** {@code deploy/}: Maven runs the tests with the module's directory as the working directory. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("prometheus/prometheus.yml"))) {
            throw new IllegalStateException(dir + " is not the deploy module's directory");
        }
        return dir;
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** The repository's root, above {@code deploy/}. */
    static Path repository() {
        return root().getParent();
    }

    /** Every file under {@code deploy/} whose name ends with one of the suffixes, build output and sources left out. */
    static List<Path> files(String... suffixes) {
        Path root = root();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).startsWith("target") && !root.relativize(p).startsWith("src"))
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
