package org.clearway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The device contract's example payloads, carried by this module as resources under
 * {@value #ROOT}/ (copied from the contract's own examples; the contract itself is
 * {@code docs/contract.md}): {@code examples/} must be accepted, {@code rejects/} must be rejected
 * for the reason each file's name gives. Read from the classpath only, so nothing outside the
 * checkout (or the test-support jar) is ever read.
 */
public final class ContractFiles {
    /** The resource folder that holds {@code README.md}, {@code examples/} and {@code rejects/}. */
    static final String ROOT = "contract";

    private ContractFiles() {
    }

    /** The contract's resource folder as a path (a directory, or a folder inside the test-support jar). */
    public static Path directory() {
        URL readme = ContractFiles.class.getClassLoader().getResource(ROOT + "/README.md");
        if (readme == null) {
            throw new IllegalStateException("No " + ROOT + "/README.md on the classpath: the test-support module "
                    + "carries the contract's examples in src/main/resources/" + ROOT);
        }
        return pathOf(readme).getParent();
    }

    /** {@code contract/examples/*}: payloads the ingest service must accept, sorted by name. */
    public static List<Path> contractExamples() {
        return filesIn(directory().resolve("examples"));
    }

    /** {@code contract/rejects/*}: payloads it must reject (the reason in each name), sorted by name. */
    public static List<Path> contractRejects() {
        return filesIn(directory().resolve("rejects"));
    }

    static Path pathOf(URL resource) {
        try {
            URI uri = resource.toURI();
            if ("jar".equals(uri.getScheme())) {
                return jarFileSystem(uri).provider().getPath(uri);
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable resource location " + resource, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open " + uri, e);
        }
    }

    static List<Path> filesIn(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
    }
}
