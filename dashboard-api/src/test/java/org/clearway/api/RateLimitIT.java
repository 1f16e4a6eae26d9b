package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each token has its own bucket: a burst of 3, one more per second (on a fake clock). */
class RateLimitIT {
    static final FakeClock CLOCK = FakeClock.at("2026-01-01T00:00:00Z");
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_rate", CLOCK, Map.of("CLEARWAY_API_BURST", "3", "CLEARWAY_API_RATE", "1"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aTokenOverItsBurstGets429WithRetryAfterUntilItRefills() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("viewer-c1", "/zones").status()).isEqualTo(200);
        }
        ApiHarness.Response limited = api.get("viewer-c1", "/zones");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        // Another token is not affected.
        assertThat(api.get("viewer-city", "/zones").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(api.get("viewer-c1", "/zones").status()).isEqualTo(200);
        assertThat(api.get("viewer-c1", "/zones").status()).isEqualTo(429);
        // Counted in the metrics (which need no token, so they are not limited).
        assertThat(api.get(null, "/metrics").body()).contains("clearway_api_rate_limited_total{service=\"api\"} 2.0")
                .containsPattern("http_server_requests_seconds_count\\{method=\"GET\",route=\"/zones\",service=\"api\",status=\"429\"} 2\\b");
    }
}
