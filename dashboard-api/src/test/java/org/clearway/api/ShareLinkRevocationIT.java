package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import org.clearway.api.security.TokenRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the officer report's share links are revoked one by one. Two links to district d1's report: revoking one
 * closes its page and its data (403, "revoked") while the other still opens; only the token that made a link, or an
 * operator of its zone, may revoke it, and another district's officer does not even see it. The database keeps the
 * signature's hash, never the signature. Real API and PostgreSQL.
 */
class ShareLinkRevocationIT {
    static final String CONSOLE = "X-Clearway-Console";
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("report_share_revoke", Clock.systemUTC(), ReportFixture.env());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aRevokedLinkNoLongerOpensTheReportWhileTheOthersStillDo() throws Exception {
        JsonObject first = share("officer-d1");
        JsonObject second = share("officer-d1");
        assertThat(first.getLong("id")).isNotEqualTo(second.getLong("id"));
        assertThat(open(first).status()).isEqualTo(200);
        assertThat(data(first).status()).isEqualTo(200);

        JsonArray mine = list("officer-d1");
        assertThat(mine.stream().map(o -> ((JsonObject) o).getLong("id"))).contains(first.getLong("id"), second.getLong("id"));
        assertThat(list("officer-d2").stream().map(o -> ((JsonObject) o).getLong("id")))
                .as("another district's officer").doesNotContain(first.getLong("id"), second.getLong("id"));

        assertThat(revoke("officer-d2", first, true).status()).as("not in d2's scope").isEqualTo(404);
        assertThat(revoke("viewer-c1", first, true).status()).as("c1 is below d1: the link is not in its scope").isEqualTo(404);
        assertThat(revoke("viewer-city", first, true).status()).as("a viewer that did not make it").isEqualTo(403);
        assertThat(revoke("officer-d1", first, false).status()).as("without the console header").isEqualTo(403);
        assertThat(open(first).status()).as("nothing revoked yet").isEqualTo(200);

        ApiHarness.Response revoked = revoke("officer-d1", first, true);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().getBoolean("revoked")).isTrue();

        ApiHarness.Response page = open(first);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("data-reason=\"revoked\"").contains("This report link was revoked");
        ApiHarness.Response closed = data(first);
        assertThat(closed.status()).isEqualTo(403);
        assertThat(closed.errorCode()).isEqualTo("link_revoked");
        assertThat(open(second).status()).as("the other link").isEqualTo(200);
        assertThat(data(second).status()).isEqualTo(200);

        JsonObject listed = list("officer-d1").stream().map(JsonObject.class::cast)
                .filter(l -> l.getLong("id").equals(first.getLong("id"))).findFirst().orElseThrow();
        assertThat(listed.getString("revokedAt")).isNotNull();
        assertThat(listed.getString("revokedBy")).isEqualTo("token:" + TokenRegistry.sha256("officer-d1").substring(0, 12));
        assertThat(revoke("officer-d1", first, true).status()).as("again: nothing changes").isEqualTo(200);

        assertThat(revoke("operator-city", second, true).status()).as("an operator of its zone").isEqualTo(200);
        assertThat(open(second).status()).isEqualTo(403);

        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT sig_sha256 FROM report_share_links WHERE id = ?")) {
            ps.setLong(1, first.getLong("id"));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String sig = first.getString("url").replaceAll(".*[?&]sig=([^&]+).*", "$1");
                assertThat(rs.getString(1)).isEqualTo(TokenRegistry.sha256(sig)).isNotEqualTo(sig);
            }
        }
    }

    private static JsonObject share(String token) {
        ApiHarness.Response made = api.sendWith(Map.of("Authorization", "Bearer " + token, CONSOLE, "1",
                "Content-Type", "application/json"), "POST", "/report/share", "{\"zone\": \"d1\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        return made.json();
    }

    private static ApiHarness.Response open(JsonObject link) {
        return api.sendWith(Map.of(), "GET", link.getString("url"), null);
    }

    private static ApiHarness.Response data(JsonObject link) {
        return api.sendWith(Map.of(), "GET", link.getString("url").replace("/report/shared", "/report/data"), null);
    }

    private static JsonArray list(String token) {
        ApiHarness.Response listed = api.sendWith(Map.of("Authorization", "Bearer " + token), "GET", "/report/shares", null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json().getJsonArray("items");
    }

    private static ApiHarness.Response revoke(String token, JsonObject link, boolean consoleHeader) {
        Map<String, String> headers = consoleHeader ? Map.of("Authorization", "Bearer " + token, CONSOLE, "1")
                : Map.of("Authorization", "Bearer " + token);
        return api.sendWith(headers, "POST", "/report/shares/" + link.getLong("id") + "/revoke", null);
    }
}
