package org.clearway.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRegistryTest {
    static final String HASH = TokenRegistry.sha256("secret");

    @Test
    void looksTokensUpByTheirHash() {
        TokenRegistry tokens = TokenRegistry.parse(HASH + "=operator:c1, " + TokenRegistry.sha256("x") + "=admin:*");
        Principal p = tokens.lookup("secret").orElseThrow();
        assertThat(p.role()).isEqualTo(Role.OPERATOR);
        assertThat(p.zone()).isEqualTo("c1");
        assertThat(p.tokenId()).hasSize(12).isEqualTo(HASH.substring(0, 12));
        assertThat(tokens.lookup("x").orElseThrow().wholeCity()).isTrue();
        assertThat(tokens.lookup("other")).isEmpty();
        assertThat(tokens.toString()).doesNotContain(HASH);
    }

    @Test
    void sha256IsTheUsualHex() {
        assertThat(TokenRegistry.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nohash", "abc=viewer:c1", "=viewer:c1", "HASH=root:c1", "HASH=viewer:bad zone", "HASH=viewer",
            "HASH=viewer:c1,HASH=admin:*"})
    void refusesBadEntriesWithoutEchoingThem(String spec) {
        assertThatThrownBy(() -> TokenRegistry.parse(spec.replace("HASH", HASH)))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(HASH);
    }

    @Test
    void rolesAreOrdered() {
        assertThat(Role.ADMIN.atLeast(Role.DISPATCHER)).isTrue();
        assertThat(Role.DISPATCHER.atLeast(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.atLeast(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.atLeast(Role.OPERATOR)).isFalse();
    }
}
