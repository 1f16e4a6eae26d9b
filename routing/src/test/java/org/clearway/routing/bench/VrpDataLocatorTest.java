package org.clearway.routing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.clearway.routing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark instances come from the checkout itself, or from an explicit override; never from beside it. */
class VrpDataLocatorTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path root;

    @Test
    void findsTheCheckoutsOwnDataFromAModuleDirectory() throws IOException {
        Path checkout = checkout(root.resolve("clone"));
        Path data = Files.createDirectories(checkout.resolve("benchmarks/vrp-data/cvrplib"));
        Path module = Files.createDirectories(checkout.resolve("dispatch"));

        assertThat(VrpDataLocator.locate(NO_ENVIRONMENT, module)).contains(data.getParent());
    }

    @Test
    void neverLooksBesideOrAboveTheCheckout() throws IOException {
        Files.createDirectories(root.resolve("shared/vrp-data/cvrplib"));
        Files.createDirectories(root.resolve("benchmarks/vrp-data/cvrplib"));
        Path checkout = checkout(root.resolve("main"));
        Path module = Files.createDirectories(checkout.resolve("dispatch"));

        assertThat(VrpDataLocator.locate(NO_ENVIRONMENT, module)).isEmpty();
    }

    @Test
    void anExplicitOverrideComesFirst() throws IOException {
        Path checkout = checkout(root.resolve("clone"));
        Files.createDirectories(checkout.resolve("benchmarks/vrp-data/cvrplib"));
        Path other = Files.createDirectories(root.resolve("other-data"));

        assertThat(VrpDataLocator.locate(Map.of("CLEARWAY_VRP_DATA", other.toString()), checkout)).contains(other);
        assertThat(VrpDataLocator.locate(Map.of("CLEARWAY_VRP_DATA", root.resolve("missing").toString()), checkout))
                .isEmpty();
    }

    @Test
    void theRepositoryCarriesEverySet() {
        Path data = Fixtures.vrpData();

        assertThat(data.toAbsolutePath().normalize().toString()).endsWith("benchmarks/vrp-data");
        for (String set : new String[] {"cvrplib", "christofides", "solomon", "kim2006"}) {
            assertThat(data.resolve(set)).isDirectoryContaining(path -> Files.isRegularFile(path));
        }
        assertThat(data.resolve("README.md")).isRegularFile();
    }

    private static Path checkout(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("mvnw"), "#!/bin/sh\n");
        Files.writeString(directory.resolve("pom.xml"), "<project/>\n");
        return directory;
    }
}
