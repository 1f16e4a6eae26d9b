package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Public Open311 posting is limited per client address (a burst of 2, then 60 an hour: one a
 * minute), reads have a bucket of their own; on a fake clock.
 */
class Open311RateLimitIT {
    static final FakeClock CLOCK = FakeClock.at("2026-08-01T10:00:00Z");
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_open311_rate", CLOCK, Map.of("CLEARWAY_OPEN311_POST_BURST", "2",
                "CLEARWAY_OPEN311_POSTS_PER_HOUR", "60", "CLEARWAY_OPEN311_READ_BURST", "3",
                "CLEARWAY_OPEN311_READS_PER_SECOND", "1"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anAddressOverItsBurstGets429InTheSpecificationsShapeUntilItRefills() {
        CLOCK.advance(Duration.ofHours(1)); // full buckets, whichever test ran before
        String report = new JsonObject().put("service_code", "illegal_dumping").put("lat", 1).put("long", 1).encode();
        for (int i = 0; i < 2; i++) {
            assertThat(post(report).status()).isEqualTo(201);
        }
        ApiHarness.Response limited = post(report);
        Open311IT.assertSpecError(limited, 429, "too many requests");
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        // Reading is limited apart from posting.
        assertThat(api.get(null, "/open311/v2/services.json").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(60));
        assertThat(post(report).status()).isEqualTo(201);
        assertThat(post(report).status()).isEqualTo(429);
    }

    @Test
    void readsHaveTheirOwnBucket() {
        CLOCK.advance(Duration.ofHours(1)); // full buckets, whichever test ran before
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(null, "/open311/v2/requests.json").status()).isEqualTo(200);
        }
        ApiHarness.Response limited = api.get(null, "/open311/v2/requests.json");
        Open311IT.assertSpecError(limited, 429, "too many requests");
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(api.get(null, "/open311/v2/services/damaged_bin.json").status()).isEqualTo(200);
    }

    private static ApiHarness.Response post(String json) {
        return api.send(null, "POST", "/open311/v2/requests.json", json, "application/json");
    }
}
