package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {
    @TempDir
    Path directory;

    @Test
    void writesThePasswordFileTheAclAndTheCsvOfNewPasswords() throws Exception {
        CredentialFiles files = new CredentialFiles(directory.resolve("out"));
        CredentialIssuer.Outcome outcome = new CredentialIssuer(101, new Random(1)).issue(List.of("b-1", "b-2"), Map.of(), false);
        files.write("", outcome);
        assertThat(PasswordFile.parse(Files.readAllLines(files.passwordFile()))).isEqualTo(outcome.entries());
        assertThat(Files.readAllLines(files.aclFile())).filteredOn(l -> !l.startsWith("#"))
                .containsExactly("", "user b-1", "topic write bins/b-1/telemetry", "", "user b-2", "topic write bins/b-2/telemetry", "");
        assertThat(Files.readAllLines(files.csvFile())).containsExactly("bin_id,username,client_id,password,topic",
                "b-1,b-1,b-1," + outcome.issued().get(0).password() + ",bins/b-1/telemetry",
                "b-2,b-2,b-2," + outcome.issued().get(1).password() + ",bins/b-2/telemetry");
        assertThat(files.existingEntries()).isEqualTo(outcome.entries());
        try (var left = Files.list(files.passwordFile().getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("password_file", "acl_file",
                    "credentials.csv");
        }
    }

    @Test
    void trucksGetTheirOwnBlockAndCsvAndTheServicesComeFirst() throws Exception {
        CredentialFiles files = new CredentialFiles(directory);
        CredentialIssuer.Outcome outcome = new CredentialIssuer(101, new Random(3)).issue(List.of("b-1", "t-1"), Map.of(), false);
        files.write("p/", Set.of("t-1"), List.of("user svc", "topic read p/x", ""), outcome);
        assertThat(Files.readAllLines(files.aclFile())).filteredOn(l -> !l.startsWith("#")).containsExactly("",
                "user svc", "topic read p/x", "", "user b-1", "topic write p/bins/b-1/telemetry", "",
                "user t-1", "topic write p/trucks/t-1/position", "topic write p/trucks/t-1/updates",
                "topic read p/trucks/t-1/route", "topic read p/trucks/t-1/replies", "");
        String truckPassword = outcome.issued().get(1).password();
        assertThat(Files.readAllLines(files.truckCsvFile())).containsExactly(
                "truck_id,username,client_id,password,publish,subscribe",
                "t-1,t-1,t-1," + truckPassword + ",p/trucks/t-1/position p/trucks/t-1/updates,p/trucks/t-1/route p/trucks/t-1/replies");
        assertThat(Files.readAllLines(files.csvFile())).hasSize(2).noneMatch(l -> l.contains(truckPassword));
        // A new truck while the trucks' CSV is still there is refused; the sensors' CSV does not matter to it.
        Files.delete(files.csvFile());
        CredentialIssuer.Outcome more = new CredentialIssuer(101, new Random(4))
                .issue(List.of("b-1", "t-1", "t-2"), files.existingEntries(), false);
        assertThatThrownBy(() -> files.write("p/", Set.of("t-1", "t-2"), List.of(), more))
                .hasMessageContaining("truck-credentials.csv");
    }

    @Test
    void refusesToReplaceACsvOfPasswordsNotYetProvisioned() throws Exception {
        CredentialFiles files = new CredentialFiles(directory);
        CredentialIssuer issuer = new CredentialIssuer(101, new Random(2));
        files.write("", issuer.issue(List.of("b-1"), Map.of(), false));
        String before = Files.readString(files.passwordFile());
        CredentialIssuer.Outcome more = issuer.issue(List.of("b-1", "b-2"), files.existingEntries(), false);
        assertThatThrownBy(() -> files.write("", more)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("credentials.csv");
        assertThat(Files.readString(files.passwordFile())).isEqualTo(before);
        // Nothing new to hand out: the CSV is left alone and the run goes through.
        files.write("", issuer.issue(List.of("b-1"), files.existingEntries(), false));
    }

    @Test
    void readsPasswordFilesAsMosquittoPasswdWritesThem() {
        assertThat(PasswordFile.parse(List.of("# comment", "", "alice:$7$101$x$y", "bob:$6$a$b")))
                .containsExactly(Map.entry("alice", "$7$101$x$y"), Map.entry("bob", "$6$a$b"));
        assertThatThrownBy(() -> PasswordFile.parse(List.of("no-hash"))).hasMessageContaining("line 1");
    }
}
