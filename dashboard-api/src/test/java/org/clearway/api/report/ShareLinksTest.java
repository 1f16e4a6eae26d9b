package org.clearway.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.clearway.core.config.Env;
import org.junit.jupiter.api.Test;

class ShareLinksTest {
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final Instant T = Instant.parse("2026-12-07T06:00:00Z");

    static ShareLinks at(Instant now) {
        return new ShareLinks(SECRET, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(7));
    }

    @Test
    void aLinkOpensForItsZoneAndQuarterUntilItExpires() {
        ShareLinks.Link link = at(T).sign("d1", "2026-Q4");
        assertThat(link.expiresAt()).isEqualTo(T.plus(Duration.ofDays(7)));
        assertThat(link.query()).startsWith("zone=d1&quarter=2026-Q4&expires=" + link.expires() + "&sig=");
        String exp = Long.toString(link.expires());
        assertThat(at(T).check("d1", "2026-Q4", exp, link.sig())).isEqualTo(ShareLinks.Check.VALID);
        assertThat(at(link.expiresAt().minusSeconds(1)).check("d1", "2026-Q4", exp, link.sig()))
                .isEqualTo(ShareLinks.Check.VALID);
        assertThat(at(link.expiresAt()).check("d1", "2026-Q4", exp, link.sig())).isEqualTo(ShareLinks.Check.EXPIRED);
    }

    @Test
    void twoLinksSharedInTheSameSecondAreTwoLinks() {
        ShareLinks links = at(T);
        ShareLinks.Link first = links.sign("d1", "2026-Q4");
        ShareLinks.Link second = links.sign("d1", "2026-Q4");
        assertThat(second.sig()).isNotEqualTo(first.sig());
        assertThat(second.expires()).isEqualTo(first.expires() + 1);
        assertThat(links.check("d1", "2026-Q4", Long.toString(second.expires()), second.sig()))
                .isEqualTo(ShareLinks.Check.VALID);
    }

    @Test
    void changingAnyPartOrTheSecretIsTampering() {
        ShareLinks.Link link = at(T).sign("d1", "2026-Q4");
        String exp = Long.toString(link.expires());
        ShareLinks links = at(T);
        assertThat(links.check("d2", "2026-Q4", exp, link.sig())).isEqualTo(ShareLinks.Check.TAMPERED);
        assertThat(links.check("*", "2026-Q4", exp, link.sig())).isEqualTo(ShareLinks.Check.TAMPERED);
        assertThat(links.check("d1", "2026-Q3", exp, link.sig())).isEqualTo(ShareLinks.Check.TAMPERED);
        assertThat(links.check("d1", "2026-Q4", Long.toString(link.expires() + 86400), link.sig()))
                .isEqualTo(ShareLinks.Check.TAMPERED);
        assertThat(links.check("d1", "2026-Q4", exp, link.sig().substring(1) + "A")).isEqualTo(ShareLinks.Check.TAMPERED);
        assertThat(links.check("d1", "2026-Q4", "soon", link.sig())).isEqualTo(ShareLinks.Check.TAMPERED);
        assertThat(links.check("d1", "2026-Q4", exp, null)).isEqualTo(ShareLinks.Check.TAMPERED);
        ShareLinks other = new ShareLinks("another secret of at least 32 chars!".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(T, ZoneOffset.UTC), Duration.ofDays(7));
        assertThat(other.check("d1", "2026-Q4", exp, link.sig())).isEqualTo(ShareLinks.Check.TAMPERED);
        // an expired link that was also changed is refused as changed
        assertThat(at(T.plus(Duration.ofDays(30))).check("d2", "2026-Q4", exp, link.sig()))
                .isEqualTo(ShareLinks.Check.TAMPERED);
    }

    @Test
    void theSecretIsConfiguredOrMadeForTheRun() {
        ReportConfig made = ReportConfig.from(new Env(Map.of()));
        assertThat(made.secretGenerated()).isTrue();
        assertThat(made.shareSecret()).hasSize(32);
        assertThat(made.shareTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(made.toString()).doesNotContain(new String(made.shareSecret(), StandardCharsets.ISO_8859_1));
        ReportConfig set = ReportConfig.from(new Env(Map.of(ReportConfig.SHARE_SECRET, new String(SECRET, StandardCharsets.UTF_8),
                "CLEARWAY_API_REPORT_SHARE_TTL", "2d")));
        assertThat(set.secretGenerated()).isFalse();
        assertThat(set.shareSecret()).isEqualTo(SECRET);
        assertThat(set.shareTtl()).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> ReportConfig.from(new Env(Map.of(ReportConfig.SHARE_SECRET, "short-secret"))))
                .hasMessageContaining("at least 32").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> ReportConfig.from(new Env(Map.of("CLEARWAY_API_REPORT_SHARE_TTL", "365d"))))
                .hasMessageContaining("90d");
    }
}
