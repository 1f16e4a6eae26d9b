package org.clearway.deploy;

import org.clearway.core.credentials.MosquittoPassword;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredentialIssuerTest {
    private final CredentialIssuer issuer = new CredentialIssuer(101, new Random(7));

    @Test
    void newDevicesGetARandomPasswordEach() {
        CredentialIssuer.Outcome outcome = issuer.issue(List.of("bin-1", "bin-2"), Map.of(), false);
        assertThat(outcome.entries().keySet()).containsExactly("bin-1", "bin-2");
        assertThat(outcome.issued()).extracting(IssuedCredential::binId).containsExactly("bin-1", "bin-2");
        assertThat(outcome.issued()).extracting(IssuedCredential::password)
                .allMatch(p -> p.matches("[A-Za-z0-9_-]{24}")).doesNotHaveDuplicates();
        for (IssuedCredential c : outcome.issued()) {
            assertThat(MosquittoPassword.matches(outcome.entries().get(c.binId()), c.password())).isTrue();
        }
        assertThat(outcome.kept()).isEmpty();
        assertThat(outcome.revoked()).isEmpty();
    }

    @Test
    void devicesWithAnEntryKeepItAndDevicesOutOfServiceLoseTheirs() {
        Map<String, String> existing = new LinkedHashMap<>();
        existing.put("bin-1", "$7$101$a$b");
        existing.put("bin-retired", "$7$101$c$d");
        existing.put("someone", "$7$101$e$f");
        CredentialIssuer.Outcome outcome = issuer.issue(List.of("bin-1", "bin-3"), existing, false);
        assertThat(outcome.entries()).containsEntry("bin-1", "$7$101$a$b").containsOnlyKeys("bin-1", "bin-3");
        assertThat(outcome.kept()).containsExactly("bin-1");
        assertThat(outcome.issued()).extracting(IssuedCredential::binId).containsExactly("bin-3");
        assertThat(outcome.revoked()).containsExactly("bin-retired", "someone");
    }

    @Test
    void rotateGivesEveryDeviceANewPassword() {
        CredentialIssuer.Outcome outcome = issuer.issue(List.of("bin-1"), Map.of("bin-1", "$7$101$a$b"), true);
        assertThat(outcome.entries().get("bin-1")).isNotEqualTo("$7$101$a$b");
        assertThat(outcome.issued()).extracting(IssuedCredential::binId).containsExactly("bin-1");
        assertThat(outcome.kept()).isEmpty();
    }

    @Test
    void theRegistryDecidesForTheDevicesItManages() {
        Map<String, CredentialIssuer.Managed> managed = Map.of(
                "bin-1", new CredentialIssuer.Managed("$7$101$new$hash", true),
                "bin-2", new CredentialIssuer.Managed(null, true),
                "bin-3", new CredentialIssuer.Managed(null, false));
        Map<String, String> existing = Map.of("bin-1", "$7$101$old$hash", "bin-3", "$7$101$c$d");
        CredentialIssuer.Outcome outcome = issuer.issue(List.of("bin-1", "bin-2", "bin-3", "bin-4"), existing, true, managed);
        assertThat(outcome.entries()).containsEntry("bin-1", "$7$101$new$hash").containsOnlyKeys("bin-1", "bin-4");
        assertThat(outcome.issued()).extracting(IssuedCredential::binId).as("rotate leaves the registry's alone")
                .containsExactly("bin-4");
        assertThat(outcome.aclUsers()).as("bin-2 has a certificate only; bin-3 is revoked")
                .containsExactly("bin-1", "bin-2", "bin-4");
        assertThat(outcome.revoked()).containsExactly("bin-3");
    }

    @Test
    void aCredentialNeverShowsItsPassword() {
        assertThat(new IssuedCredential("bin-1", "hunter2hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void withoutNewPasswordsANewUnmanagedDeviceGetsItsAclBlockOnlyAndEntriesAreKept() {
        CredentialIssuer.Outcome outcome = issuer.issue(List.of("bin-1", "bin-2", "bin-3"), Map.of("bin-1", "$7$101$a$b"),
                false, Map.of("bin-3", new CredentialIssuer.Managed("$7$101$c$d", true)), false);
        assertThat(outcome.entries()).containsOnlyKeys("bin-1", "bin-3");
        assertThat(outcome.issued()).as("no password nobody would see").isEmpty();
        assertThat(outcome.kept()).containsExactly("bin-1");
        assertThat(outcome.aclUsers()).as("bin-2 may still use a certificate of an offline device CA")
                .containsExactly("bin-1", "bin-2", "bin-3");
    }
}
