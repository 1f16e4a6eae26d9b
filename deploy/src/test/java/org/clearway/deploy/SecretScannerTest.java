package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret scan can fail: every fake secret here is built at run time (so that this file holds none for the
 * repository scan to find) and must be found; placeholders and references must not be.
 */
class SecretScannerTest {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final Random random = new Random(5);

    @Test
    void findsPrivateKeysAndTokenShapesInAnyFile() {
        String key = "-----BEGIN " + "RSA " + "PRIVATE" + " KEY-----\nMIIE" + random(60) + "\n-----END RSA PRIVATE KEY-----";
        assertThat(rules("src/main/resources/key.pem", key)).containsExactly("private-key");
        assertThat(rules("a/Foo.java", "String k = \"-----BEGIN " + "OPENSSH PRIVATE" + " KEY-----\";")).containsExactly("private-key");
        assertThat(rules("docs/x.md", "key " + "AKIA" + upper(16) + " here")).containsExactly("aws-access-key-id");
        assertThat(rules("a.json", "{\"aws_secret_access_key\": \"" + random(40) + "\"}")).contains("aws-secret-access-key");
        assertThat(rules("a.js", "const k = '" + "AIza" + random(35) + "';")).containsExactly("gcp-api-key");
        assertThat(rules("sa.json", "\"private_key_id\": \"" + hex(40) + "\",")).containsExactly("gcp-service-account-key");
        assertThat(rules("ci.sh", "TOKEN_VALUE=" + "ghp_" + random(36))).contains("github-token");
        assertThat(rules("a.txt", "github_pat_" + random(82))).containsExactly("github-token");
        assertThat(rules("a.txt", "xox" + "b-" + digits(12) + "-" + random(24))).containsExactly("slack-token");
        assertThat(rules("a.txt", "https://hooks.slack.com/services/T" + upper(8) + "/B" + upper(8) + "/" + random(24)))
                .containsExactly("slack-webhook");
    }

    @Test
    void findsPasswordsInUrls() {
        String password = random(12);
        assertThat(rules("a/Db.java", "\"jdbc:postgresql://db:5432/city?user=app&password=" + password + "\""))
                .containsExactly("jdbc-password");
        assertThat(rules("a.yaml", "url: jdbc:postgresql://app:" + password + "@db:5432/city")).containsExactly("url-credentials");
        assertThat(rules("a.txt", "mqtt://truck-1:" + password + "@broker:1883")).containsExactly("url-credentials");
        assertThat(rules("a.yaml", "url: jdbc:postgresql://db:5432/city?user=app&password=${DB_PASSWORD}")).isEmpty();
        assertThat(rules("a.md", "jdbc:postgresql://127.0.0.1:5432/clearway")).isEmpty();
        assertThat(rules("a.md", "https://user@example.org/x and http://host:8080/path")).isEmpty();
    }

    @Test
    void findsPasswordsWrittenIntoConfigurationButNotPlaceholders() {
        String password = random(14);
        assertThat(rules("deploy/compose/compose.yaml", "      CLEARWAY_DB_PASSWORD: " + password)).containsExactly("assigned-password");
        assertThat(rules("deploy/k8s/secret.yaml", "  CLEARWAY_MQTT_PASSWORD: \"" + password + "\"")).containsExactly("assigned-password");
        assertThat(rules("app.properties", "spring.datasource.password=" + password)).containsExactly("assigned-password");
        assertThat(rules("x.conf", "api_key = " + password)).containsExactly("assigned-password");
        assertThat(rules("deploy/docker/api.Dockerfile", "ENV CLEARWAY_API_TOKENS=" + password)).containsExactly("assigned-password");
        assertThat(rules("Dockerfile", "ARG SECRET=" + password)).containsExactly("assigned-password");
        for (String placeholder : List.of("${CLEARWAY_DB_PASSWORD:?set it in .env}", "${CLEARWAY_GRAFANA_DB_PASSWORD}",
                "\"change-me\"", "", "<your password>", "$MQTT_PASSWORD", "\"$(cat /run/secrets/db)\"")) {
            assertThat(rules("deploy/compose/compose.yaml", "      CLEARWAY_DB_PASSWORD: " + placeholder)).as(placeholder).isEmpty();
        }
        assertThat(rules("deploy/k8s/api.yaml", "      secretName: clearway-api-tls")).isEmpty();
        assertThat(rules("dashboard-api/src/main/resources/openapi.yaml", "        api_key: { type: string }"))
                .as("an OpenAPI field's schema").isEmpty();
        assertThat(rules("deploy/compose/compose.yaml", "      API_KEY: {" + password))
                .as("a value that only starts like a mapping").containsExactly("assigned-password");
        assertThat(rules("deploy/k8s/api.yaml", "            - secretRef:")).isEmpty();
        assertThat(rules("src/Config.java", "String password = \"" + password + "\";")).as("code is not configuration").isEmpty();
    }

    @Test
    void findsHighEntropyValuesInEnvFiles() {
        String value = random(32);
        assertThat(rules("deploy/compose/.env", "SOME_ID=" + value)).containsExactly("high-entropy-env-value");
        assertThat(rules("deploy/compose/.env.example", "CLEARWAY_DB_PASSWORD=" + value))
                .containsExactlyInAnyOrder("assigned-password", "high-entropy-env-value");
        assertThat(rules("x.env", "CLEARWAY_DB_PASSWORD=")).isEmpty();
        assertThat(rules("x.env", "CLEARWAY_TIME_ZONE=America/Argentina/Buenos_Aires")).isEmpty();
        assertThat(rules("x.env", "CLEARWAY_DB_URL=jdbc:postgresql://db:5432/clearway")).isEmpty();
        assertThat(rules("x.env", "NAME=aaaaaaaaaaaaaaaaaaaaaaaa")).as("long but not random").isEmpty();
        assertThat(SecretScanner.entropy("aaaa")).isZero();
        assertThat(SecretScanner.entropy("abcd")).isEqualTo(2.0);
    }

    @Test
    void aFindingNamesTheFileAndLineButNeverShowsTheSecret() {
        String password = random(20);
        List<SecretScanner.Finding> findings = SecretScanner.scan("deploy/x.yaml", "a: 1\n  password: " + password + "\n");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.toString()).startsWith("deploy/x.yaml:2 assigned-password").doesNotContain(password)
                    .contains("20 characters");
        });
    }

    @Test
    void theAllowlistNeedsAReasonForEveryEntry() {
        SecretAllowlist allowlist = SecretAllowlist.parse(List.of("# comment", "",
                "core/src/test/* | jdbc-password | a fixture of the URL parser", "docs/x.md | * | example"));
        assertThat(allowlist.allows(new SecretScanner.Finding("core/src/test/java/A.java", 3, "jdbc-password", "pw"))).isTrue();
        assertThat(allowlist.allows(new SecretScanner.Finding("core/src/test/java/A.java", 3, "private-key", "--"))).isFalse();
        assertThat(allowlist.allows(new SecretScanner.Finding("core/src/main/java/A.java", 3, "jdbc-password", "pw"))).isFalse();
        assertThat(allowlist.allows(new SecretScanner.Finding("docs/x.md", 1, "github-token", "gh"))).isTrue();
        assertThatThrownBy(() -> SecretAllowlist.parse(List.of("docs/x.md | private-key |  ")))
                .hasMessageContaining("line 1").hasMessageContaining("reason");
        assertThatThrownBy(() -> SecretAllowlist.parse(List.of("docs/x.md private-key"))).hasMessageContaining("line 1");
    }

    @Test
    void aKeyCommittedToARepositoryFailsTheScan(@TempDir Path repository) throws Exception {
        git(repository, "init", "-q");
        Files.writeString(repository.resolve("README.md"), "nothing to see\n");
        Files.createDirectories(repository.resolve("deploy"));
        Files.writeString(repository.resolve("deploy/id_rsa"), "-----BEGIN " + "OPENSSH PRIVATE" + " KEY-----\n" + random(64) + "\n");
        Files.write(repository.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Files.writeString(repository.resolve("untracked.yaml"), "password: " + random(16) + "\n");
        git(repository, "add", "README.md", "deploy/id_rsa", "logo.png");
        assertThat(TrackedFiles.list(repository)).containsExactlyInAnyOrder("README.md", "deploy/id_rsa", "logo.png");
        assertThat(TrackedFiles.scan(repository)).extracting(SecretScanner.Finding::path, SecretScanner.Finding::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deploy/id_rsa", "private-key"));
        assertThat(TrackedFiles.isBinary(Files.readAllBytes(repository.resolve("logo.png")))).isTrue();
    }

    private static List<String> rules(String path, String text) {
        return SecretScanner.scan(path, text).stream().map(SecretScanner.Finding::rule).toList();
    }

    private static void git(Path directory, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private String random(int length) {
        return pick(ALNUM, length);
    }

    private String upper(int length) {
        return pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);
    }

    private String digits(int length) {
        return pick("0123456789", length);
    }

    private String hex(int length) {
        return pick("0123456789abcdef", length);
    }

    private String pick(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
