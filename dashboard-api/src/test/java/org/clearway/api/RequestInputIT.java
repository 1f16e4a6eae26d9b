package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the API reads what it is sent: JSON bodies strictly (a repeated key is refused, as ingest refuses it), within a
 * size and a token cap that keep a hostile body off the event loop, and query values decoded exactly once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RequestInputIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_request_input", Clock.systemUTC(), Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aRepeatedKeyIsRefusedAndChangesNothing() {
        ApiHarness.Response r = api.send("operator-c1", "PATCH", "/bins/b1", "{\"thresholdPct\":70,\"thresholdPct\":80}",
                "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_request");
        assertThat(r.json().getJsonObject("error").getString("message")).contains("Duplicate field 'thresholdPct'");
        assertThat(api.get("operator-c1", "/bins/b1").json().getValue("thresholdPct")).isNull();
        // The same on a create and on the public Open311 form of JSON (in its own error shape).
        ApiHarness.Response create = api.send("operator-c1", "POST", "/bins", "{\"id\":\"dup\",\"id\":\"dup2\",\"zoneId\":\"c1\","
                + "\"stream\":\"residual\",\"volumeL\":240,\"depthMm\":1000,\"lat\":31.2,\"lon\":121.4}", "application/json");
        assertThat(create.status()).isEqualTo(400);
        assertThat(api.get("admin-city", "/bins/dup2").status()).isEqualTo(404);
        ApiHarness.Response open311 = api.send(null, "POST", "/open311/v2/requests.json",
                "{\"service_code\":\"overflowing_bin\",\"lat\":31.2,\"lat\":31.3,\"long\":121.4}", "application/json");
        assertThat(open311.status()).as(open311.body()).isEqualTo(400);
        assertThat(open311.body()).contains("Duplicate field 'lat'");
    }

    @Test
    void trailingDataAndDeepNestingAreRefused() {
        ApiHarness.Response trailing = api.send("operator-c1", "PATCH", "/bins/b1", "{\"thresholdPct\":70} {}", "application/json");
        assertThat(trailing.status()).isEqualTo(400);
        String deep = "{\"x\":" + "[".repeat(40) + "]".repeat(40) + "}";
        ApiHarness.Response nested = api.send("operator-c1", "PATCH", "/bins/b1", deep, "application/json");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().getJsonObject("error").getString("message")).contains("nesting");
    }

    @Test
    void aHugeBodyIsRefusedAtOnceAndTheHealthCheckDoesNotWait() throws Exception {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 60_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String huge = body.append('}').toString();
        List<Long> health = new ArrayList<>();
        CompletableFuture<ApiHarness.Response> patch = CompletableFuture.supplyAsync(
                () -> api.send("operator-c1", "PATCH", "/bins/b1", huge, "application/json"));
        while (!patch.isDone()) {
            long t0 = System.nanoTime();
            assertThat(api.get(null, "/health").status()).isEqualTo(200);
            health.add(System.nanoTime() - t0);
        }
        ApiHarness.Response r = patch.get();
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("too_large");
        assertThat(r.json().getJsonObject("error").getString("message")).contains("65536");
        System.out.printf("huge body: %d health checks meanwhile, slowest %.1f ms%n", health.size(),
                health.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6);
    }

    @Test
    void aBodyWithTooManyTokensIsRefusedBeforeValidation() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 5_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String many = body.append('}').toString();
        assertThat(many.length()).isLessThan(64 * 1024);
        long t0 = System.nanoTime();
        ApiHarness.Response r = api.send("operator-c1", "PATCH", "/bins/b1", many, "application/json");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("too_complex");
        System.out.printf("5,000-key body refused in %d ms%n", ms);
    }

    @Test
    void aPercentEncodedQueryValueIsDecodedOnce() {
        // zone=%25 is the zone "%": not a zone id by the contract's pattern, and said so (not "Can't decode").
        ApiHarness.Response r = api.get("viewer-city", "/bins?zone=%25");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().getJsonObject("error").getString("message")).doesNotContainIgnoringCase("decode")
                .contains("pattern");
        // zone=c%31 is c1.
        ApiHarness.Response c1 = api.get("viewer-city", "/bins?zone=c%31");
        assertThat(c1.status()).as(c1.body()).isEqualTo(200);
        assertThat(c1.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id"))).containsExactly("b1");
    }

    @ParameterizedTest(name = "to={0}")
    @ValueSource(strings = {"2100-01-01T08:00:00%2B08:00", "2100-01-01T00:00:00Z"})
    void aPlusInAQueryValueStaysAPlus(String to) {
        ApiHarness.Response r = api.get("viewer-city", "/jobs?from=2026-01-01T00:00:00Z&to=" + to);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
