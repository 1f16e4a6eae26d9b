package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's sign-in over plain HTTP: the page at / answers without a token, a token becomes an HttpOnly,
 * SameSite=Strict session cookie that stands for it (same role, same zone), a change made with the cookie needs the
 * console header, sign-out ends the session, and bearer tokens work exactly as before.
 */
@Timeout(120)
class ConsoleSessionIT {
    static ApiHarness api;
    static ApiHarness secure;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_console_session", Clock.systemUTC(), OperationsFixture.env(Map.of()));
        OperationsFixture.seed(api);
        secure = new ApiHarness("api_console_secure", Clock.systemUTC(), Map.of("CLEARWAY_API_COOKIE_SECURE", "true"));
    }

    @AfterAll
    static void stop() {
        api.close();
        secure.close();
    }

    @Test
    void theConsolePageAndItsAssetsAnswerWithoutATokenAndTheApiStillNeedsOne() {
        ApiHarness.Response page = api.get(null, "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("id=\"sign-in-form\"").contains("/console/js/main.js");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(api.get(null, "/console/js/main.js").status()).isEqualTo(200);
        ApiHarness.Response leaflet = api.get(null, "/console/lib/leaflet/leaflet-src.esm.js");
        assertThat(leaflet.status()).isEqualTo(200);
        assertThat(leaflet.body()).contains("Leaflet");
        assertThat(api.get(null, "/console/lib/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(api.get(null, "/api-docs").body()).contains("/console/js/api-docs.js");
        assertThat(api.get(null, "/console/../openapi.yaml").status()).isIn(200, 404);
        // the API itself: as before
        assertThat(api.get(null, "/bins").status()).isEqualTo(401);
        assertThat(api.get("dispatcher-s1", "/bins").status()).isEqualTo(200);
        assertThat(api.get("admin-city", "/console/nothing-here.js").status()).isEqualTo(404);
    }

    @Test
    void aTokenBecomesAnHttpOnlyStrictCookieThatStandsForItsRoleAndZone() {
        ApiHarness.Response signIn = signIn(api, "dispatcher-s1");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.json().getString("role")).isEqualTo("dispatcher");
        assertThat(signIn.json().getString("zone")).isEqualTo("s1");
        assertThat(signIn.body()).doesNotContain("dispatcher-s1");
        String setCookie = signIn.header("Set-Cookie");
        assertThat(setCookie).startsWith("clearway_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure").doesNotContain("dispatcher-s1");
        String cookie = setCookie.split(";")[0];

        assertThat(withCookie(api, cookie, "GET", "/console/session", null).json().getString("zone")).isEqualTo("s1");
        ApiHarness.Response bins = withCookie(api, cookie, "GET", "/bins", null);
        assertThat(bins.status()).isEqualTo(200);
        assertThat(bins.body()).contains("\"b1\"").contains("\"b3\"").doesNotContain("\"b4\"");
        assertThat(withCookie(api, cookie, "GET", "/bins/b4", null).status()).isEqualTo(404);
        assertThat(withCookie(api, cookie, "GET", "/trucks", null).status()).isEqualTo(200);

        // a change needs the console header (a cross-site form cannot send it) ...
        ApiHarness.Response forged = withCookie(api, cookie, "POST", "/jobs", "{\"binId\":\"b3\"}");
        assertThat(forged.status()).isEqualTo(403);
        // ... and with it, the token's scope holds: another zone's bin is unknown
        ApiHarness.Response otherZone = console(api, cookie, "POST", "/jobs", "{\"binId\":\"b4\"}");
        assertThat(otherZone.status()).isEqualTo(400);
        assertThat(otherZone.errorCode()).isEqualTo("unknown_bin");

        // sign-out ends the session on the server, not only in the browser
        ApiHarness.Response out = console(api, cookie, "POST", "/console/session/end", null);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(withCookie(api, cookie, "GET", "/bins", null).status()).isEqualTo(401);
        assertThat(withCookie(api, cookie, "GET", "/console/session", null).status()).isEqualTo(401);
    }

    @Test
    void aViewerSessionHasAViewersRights() {
        String cookie = signIn(api, "viewer-c3").header("Set-Cookie").split(";")[0];
        assertThat(withCookie(api, cookie, "GET", "/jobs", null).status()).isEqualTo(200);
        assertThat(console(api, cookie, "POST", "/jobs", "{\"binId\":\"b4\"}").status()).isEqualTo(403);
        assertThat(withCookie(api, cookie, "GET", "/trucks", null).status()).isEqualTo(403);
    }

    @Test
    void signInRefusesUnknownTokensForgedRequestsAndTokensInTheUrl() {
        ApiHarness.Response unknown = signIn(api, "no-such-token");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("Set-Cookie")).isNull();
        ApiHarness.Response noHeader = api.send(null, "POST", "/console/session",
                new JsonObject().put("token", "admin-city").encode(), "application/json");
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.header("Set-Cookie")).isNull();
        assertThat(api.get(null, "/console/session?token=admin-city").status()).isEqualTo(401);
        assertThat(withCookie(api, "clearway_session=made-up", "GET", "/bins", null).status()).isEqualTo(401);
        assertThat(console(api, null, "POST", "/console/session", "{\"token\":").status()).isEqualTo(400);
    }

    @Test
    void planAgainNowIsADispatchersRequestWrittenForTheDispatchLeader() throws Exception {
        String cookie = signIn(api, "dispatcher-s1").header("Set-Cookie").split(";")[0];
        ApiHarness.Response request = console(api, cookie, "POST", "/plan-requests", "{}");
        assertThat(request.status()).isEqualTo(202);
        assertThat(request.json().getString("requestedBy")).startsWith("token:");
        assertThat(request.json().getString("zoneId")).isEqualTo("s1");
        assertThat(request.json().getString("handledAt")).isNull();
        try (var c = api.db().getConnection(); var rs = c.createStatement().executeQuery(
                "SELECT requested_by, zone_id, handled_at FROM plan_requests WHERE id = " + request.json().getLong("id"))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("zone_id")).isEqualTo("s1");
            assertThat(rs.getObject("handled_at")).isNull();
        }
        assertThat(api.post("operator-c1", "/plan-requests", new JsonObject()).status()).isEqualTo(403);
        assertThat(api.post("dispatcher-s1", "/plan-requests", null).status()).isEqualTo(202);
        assertThat(api.post("dispatcher-s1", "/plan-requests", new JsonObject().put("zone", "c3")).status()).isEqualTo(400);
    }

    @Test
    void theCookieIsSecureWhenConfiguredForATlsProxy() {
        assertThat(signIn(secure, "admin-city").header("Set-Cookie")).contains("Secure").containsIgnoringCase("HttpOnly");
    }

    @Test
    void aBearerTokenWinsOverACookie() {
        String cookie = signIn(api, "admin-city").header("Set-Cookie").split(";")[0];
        ApiHarness.Response response = api.sendWith(Map.of("Authorization", "Bearer viewer-c3", "Cookie", cookie),
                "GET", "/bins", null);
        assertThat(response.body()).contains("\"b4\"").doesNotContain("\"b1\"");
    }

    private static ApiHarness.Response signIn(ApiHarness harness, String token) {
        return console(harness, null, "POST", "/console/session", new JsonObject().put("token", token).encode());
    }

    private static ApiHarness.Response console(ApiHarness harness, String cookie, String method, String path, String body) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("X-Clearway-Console", "1"));
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return harness.sendWith(headers, method, path, body);
    }

    private static ApiHarness.Response withCookie(ApiHarness harness, String cookie, String method, String path, String body) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Cookie", cookie));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return harness.sendWith(headers, method, path, body);
    }
}
