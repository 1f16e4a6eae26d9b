package org.clearway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The read-only {@code shared/} directory beside the checkout (the repository at {@code X/main},
 * shared files at {@code X/shared}): the device contract and its example payloads.
 * <p>
 * Found from {@value #SHARED_DIR} if set, else by walking up from the working directory and
 * taking the first {@code <dir>/shared} or {@code <dir>/../shared} that holds {@code CONTRACT.md}
 * (so it does not matter what the checkout's folder is called, nor which module a test runs in).
 */
public final class SharedFiles {
    public static final String SHARED_DIR = "CLEARWAY_SHARED_DIR";
    private static final String MARKER = "CONTRACT.md";

    private SharedFiles() {
    }

    /** The shared directory; fails with a hint when there is none. */
    public static Path directory() {
        return locate(System::getenv, ProjectDirectories.workingDirectory());
    }

    /** {@code shared/contract/examples/*}: payloads the ingest service must accept, sorted by name. */
    public static List<Path> contractExamples() {
        return filesIn(directory().resolve("contract").resolve("examples"));
    }

    /** {@code shared/contract/rejects/*}: payloads it must reject (the reason in each name), sorted by name. */
    public static List<Path> contractRejects() {
        return filesIn(directory().resolve("contract").resolve("rejects"));
    }

    static Path locate(Function<String, String> environment, Path workingDirectory) {
        String configured = environment.apply(SHARED_DIR);
        if (Choice.isSet(configured)) {
            Path directory = Path.of(configured.strip()).toAbsolutePath().normalize();
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException(SHARED_DIR + " is " + configured + ", which is not a directory");
            }
            return directory;
        }
        return ProjectDirectories.walkUp(workingDirectory, SharedFiles::sharedBeside)
                .orElseThrow(() -> new IllegalStateException("No shared/" + MARKER + " beside or above "
                        + workingDirectory + "; set " + SHARED_DIR + " to the shared directory"));
    }

    private static Optional<Path> sharedBeside(Path directory) {
        return Stream.of(directory.resolve("shared"), directory.resolve("..").resolve("shared"))
                .map(Path::normalize)
                .filter(candidate -> Files.isRegularFile(candidate.resolve(MARKER)))
                .findFirst();
    }

    static List<Path> filesIn(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
    }
}
