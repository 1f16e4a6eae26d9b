package org.clearway.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.clearway.api.security.Principal;
import org.clearway.api.security.Role;
import org.clearway.core.config.Env;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
    static final Principal DISPATCHER = new Principal("0123456789ab", Role.DISPATCHER, "s1");

    @Test
    void aSessionStandsForItsPrincipalUntilItExpiresOrEnds() {
        FakeClock clock = FakeClock.at(Instant.parse("2026-12-07T08:00:00Z"));
        ConsoleSessions sessions = new ConsoleSessions(clock, Duration.ofHours(1), 10);
        String id = sessions.open(DISPATCHER).orElseThrow();
        assertThat(id).hasSize(43).doesNotContain("0123456789ab");
        assertThat(sessions.lookup(id)).contains(DISPATCHER);
        assertThat(sessions.lookup(id + "x")).isEmpty();
        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.lookup(id)).contains(DISPATCHER);
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.lookup(id)).isEmpty();
        assertThat(sessions.size()).isZero();

        String other = sessions.open(DISPATCHER).orElseThrow();
        assertThat(other).isNotEqualTo(id);
        sessions.close(other);
        assertThat(sessions.lookup(other)).isEmpty();
        assertThat(sessions.lookup(null)).isEmpty();
        assertThat(sessions.lookup("a".repeat(500))).isEmpty();
    }

    @Test
    void noMoreThanTheMaximumAreOpenExpiredOnesMakeRoom() {
        FakeClock clock = FakeClock.at(Instant.parse("2026-12-07T08:00:00Z"));
        ConsoleSessions sessions = new ConsoleSessions(clock, Duration.ofHours(1), 2);
        assertThat(sessions.open(DISPATCHER)).isPresent();
        assertThat(sessions.open(DISPATCHER)).isPresent();
        assertThat(sessions.open(DISPATCHER)).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(sessions.open(DISPATCHER)).isPresent();
    }

    @Test
    void theTileUrlMustBeAnHttpTemplateAndGivesThePagesImageOrigin() {
        assertThat(ConsoleConfig.from(new Env(Map.of())).tileUrl()).isEmpty();
        assertThat(ConsoleConfig.tileOrigin("https://{s}.tiles.example.org/{z}/{x}/{y}.png"))
                .isEqualTo("https://*.tiles.example.org");
        assertThat(ConsoleConfig.tileOrigin("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png")).isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> ConsoleConfig.from(new Env(Map.of("CLEARWAY_API_TILE_URL", "javascript:alert(1)"))))
                .hasMessageContaining("CLEARWAY_API_TILE_URL");
        assertThatThrownBy(() -> ConsoleConfig.from(new Env(Map.of("CLEARWAY_API_SESSION_TTL", "10s"))))
                .hasMessageContaining("CLEARWAY_API_SESSION_TTL");
    }
}
