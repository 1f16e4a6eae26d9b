package org.clearway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractFilesTest {
    @TempDir
    Path root;

    @Test
    void theContractFilesComeWithTheCheckout() {
        Path directory = ContractFiles.directory();

        assertThat(directory.resolve("README.md")).isRegularFile();
        assertThat(directory.toUri().toString()).as("read from this module's resources, not from beside the checkout")
                .contains("test-support").doesNotContain("/shared/");
    }

    @Test
    void theRealContractHasExamplesAndRejects() {
        assertThat(ContractFiles.contractExamples()).hasSize(6)
                .anyMatch(path -> path.getFileName().toString().equals("single-reading.json"));
        assertThat(ContractFiles.contractRejects()).hasSize(15)
                .anyMatch(path -> path.getFileName().toString().equals("not-json.txt"));
    }

    @Test
    void listsFilesSortedByName() throws IOException {
        Path examples = Files.createDirectories(root.resolve("examples"));
        Files.writeString(examples.resolve("b.json"), "{}");
        Files.writeString(examples.resolve("a.json"), "{}");
        Files.writeString(examples.resolve("c.txt"), "x");
        Files.createDirectories(examples.resolve("subdirectory"));

        assertThat(ContractFiles.filesIn(examples)).extracting(path -> path.getFileName().toString())
                .containsExactly("a.json", "b.json", "c.txt");
    }

    @Test
    void readsTheFilesFromInsideAJarToo() throws Exception {
        Path jar = root.resolve("test-support.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String name : new String[] {"contract/README.md", "contract/examples/b.json", "contract/examples/a.json"}) {
                zip.putNextEntry(new JarEntry(name));
                zip.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            URL readme = loader.getResource("contract/README.md");
            Path directory = ContractFiles.pathOf(readme).getParent();

            assertThat(ContractFiles.filesIn(directory.resolve("examples")))
                    .extracting(path -> path.getFileName().toString()).containsExactly("a.json", "b.json");
            assertThat(Files.readString(directory.resolve("examples/a.json"))).isEqualTo("{}");
            assertThat(URI.create(readme.toString()).getScheme()).isEqualTo("jar");
        }
    }
}
