package org.clearway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedFilesTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path root;

    @Test
    void findsSharedBesideTheCheckoutFromAModuleDirectory() throws IOException {
        Path shared = sharedDirectory(root.resolve("shared"));
        Path module = Files.createDirectories(root.resolve("main").resolve("ingest"));

        assertThat(SharedFiles.locate(NO_ENVIRONMENT::get, module)).isEqualTo(shared);
    }

    @Test
    void findsSharedWhateverTheCheckoutIsCalled() throws IOException {
        Path shared = sharedDirectory(root.resolve("shared"));
        Path checkout = Files.createDirectories(root.resolve("ci-clone-1234"));

        assertThat(SharedFiles.locate(NO_ENVIRONMENT::get, checkout)).isEqualTo(shared);
    }

    @Test
    void findsSharedInsideTheStartingDirectory() throws IOException {
        Path shared = sharedDirectory(root.resolve("shared"));

        assertThat(SharedFiles.locate(NO_ENVIRONMENT::get, root)).isEqualTo(shared);
    }

    @Test
    void ignoresASharedDirectoryWithoutTheContract() throws IOException {
        Files.createDirectories(root.resolve("main").resolve("shared"));
        Path shared = sharedDirectory(root.resolve("shared"));

        assertThat(SharedFiles.locate(NO_ENVIRONMENT::get, root.resolve("main"))).isEqualTo(shared);
    }

    @Test
    void theEnvironmentVariableComesFirst() throws IOException {
        sharedDirectory(root.resolve("shared"));
        Path elsewhere = sharedDirectory(root.resolve("elsewhere"));

        Path found = SharedFiles.locate(Map.of(SharedFiles.SHARED_DIR, elsewhere.toString())::get, root);

        assertThat(found).isEqualTo(elsewhere);
    }

    @Test
    void anEnvironmentVariableThatIsNoDirectoryIsAnError() {
        Map<String, String> environment = Map.of(SharedFiles.SHARED_DIR, root.resolve("missing").toString());

        assertThatThrownBy(() -> SharedFiles.locate(environment::get, root))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(SharedFiles.SHARED_DIR);
    }

    @Test
    void nothingFoundSaysWhatToSet() throws IOException {
        Path lonely = Files.createDirectories(root.resolve("a").resolve("b"));
        // The walk goes on above the temporary directory; only a machine with /shared/CONTRACT.md
        // or a shared/ beside the temporary directory would find something there.
        if (Files.exists(Path.of("/shared/CONTRACT.md")) || Files.exists(root.getParent().resolve("shared/CONTRACT.md"))) {
            return;
        }

        assertThatThrownBy(() -> SharedFiles.locate(NO_ENVIRONMENT::get, lonely))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(SharedFiles.SHARED_DIR);
    }

    @Test
    void listsFilesSortedByName() throws IOException {
        Path examples = Files.createDirectories(root.resolve("examples"));
        Files.writeString(examples.resolve("b.json"), "{}");
        Files.writeString(examples.resolve("a.json"), "{}");
        Files.writeString(examples.resolve("c.txt"), "x");
        Files.createDirectories(examples.resolve("subdirectory"));

        assertThat(SharedFiles.filesIn(examples)).extracting(path -> path.getFileName().toString())
                .containsExactly("a.json", "b.json", "c.txt");
    }

    @Test
    void theRealContractHasExamplesAndRejects() {
        assertThat(SharedFiles.directory().resolve("CONTRACT.md")).isRegularFile();
        assertThat(SharedFiles.contractExamples()).isNotEmpty().isSorted()
                .anyMatch(path -> path.getFileName().toString().equals("single-reading.json"));
        assertThat(SharedFiles.contractRejects()).isNotEmpty().isSorted()
                .anyMatch(path -> path.getFileName().toString().equals("not-json.txt"));
    }

    private static Path sharedDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("CONTRACT.md"), "# contract");
        return directory;
    }
}
