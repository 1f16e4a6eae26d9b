package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, "no secret in the repository": every text file git tracks is scanned ({@link SecretScanner}); a
 * finding fails the build unless {@value #ALLOWLIST} lets it through with a reason. An allowlist entry that no
 * longer matches anything fails too, so the list stays as short as the fixtures that need it.
 */
class RepositorySecretScanTest {
    static final String ALLOWLIST = "src/test/resources/secret-scan-allowlist.txt";
    private static List<SecretScanner.Finding> findings;
    private static SecretAllowlist allowlist;

    @BeforeAll
    static void scanTheRepository() throws Exception {
        findings = TrackedFiles.scan(DeployTree.repository());
        allowlist = SecretAllowlist.parse(Files.readAllLines(DeployTree.resolve(ALLOWLIST)));
    }

    @Test
    void theScanReadsTheWholeRepository() throws Exception {
        List<String> tracked = TrackedFiles.list(DeployTree.repository());
        assertThat(tracked).contains("README.md", "deploy/compose/compose.yaml", "deploy/k8s/secret.yaml",
                "deploy/compose/.env.example", "core/src/main/resources/db/migration/V1__registry.sql");
    }

    @Test
    void noSecretIsTrackedOutsideTheAllowlist() {
        List<SecretScanner.Finding> unexplained = findings.stream().filter(f -> !allowlist.allows(f)).toList();
        assertThat(unexplained).as("secrets in tracked files: remove them (and rotate them: they are in git's history),"
                        + " or, for an intended test fixture, add 'path | rule | reason' to deploy/" + ALLOWLIST + "\n"
                        + unexplained.stream().map(Object::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void everyAllowlistEntryIsStillNeeded() {
        for (SecretAllowlist.Entry entry : allowlist.entries()) {
            assertThat(findings).as("allowlist line " + entry.line() + " (" + entry.reason() + ") matches no finding: remove it")
                    .anyMatch(entry::allows);
        }
    }

    @Test
    void theRealEnvFileOfComposeIsNeverTracked() throws Exception {
        assertThat(TrackedFiles.list(DeployTree.repository())).noneMatch(p -> p.endsWith("/.env") || p.equals(".env"));
        Path gitignore = DeployTree.resolve("compose/.gitignore");
        assertThat(Files.readAllLines(gitignore)).contains(".env");
    }
}
