package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A slow report never makes a cheap request fail, and overload is 503 with Retry-After, never 500: while every
 * assessment is stuck (another session holds the readings locked), eight assessments are sent at once
 * beside cheap reads. The assessments run on their own pool of one connection with a 1 s budget and a queue of three:
 * each is answered 503 {@code overloaded} with Retry-After (at once beyond the queue, after its budget within it),
 * and every cheap read meanwhile is 200.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadBudgetsIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_budgets", Clock.systemUTC(), Map.of("CLEARWAY_API_REPORT_POOL_SIZE", "1",
                "CLEARWAY_API_REPORT_TIMEOUT", "1s", "CLEARWAY_API_REPORT_QUEUE", "3"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void stuckReportsAre503WithRetryAfterWhileCheapReadsAnswer() throws Exception {
        try (Connection lock = api.db().getConnection(); ExecutorService clients = Executors.newFixedThreadPool(12)) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE readings IN ACCESS EXCLUSIVE MODE");
            List<Future<ApiHarness.Response>> reports = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reports.add(clients.submit(() -> api.get("viewer-city", "/assessment?quarter=2026-Q3")));
            }
            List<Future<ApiHarness.Response>> cheap = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String path = i % 2 == 0 ? "/zones" : "/bins?limit=10";
                cheap.add(clients.submit(() -> api.get("viewer-city", path)));
            }
            for (Future<ApiHarness.Response> f : cheap) {
                assertThat(f.get().status()).isEqualTo(200);
            }
            for (Future<ApiHarness.Response> f : reports) {
                ApiHarness.Response r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(503);
                assertThat(r.body()).contains("\"overloaded\"");
                assertThat(r.header("Retry-After")).isEqualTo("2");
            }
            lock.rollback();
        }
        assertThat(api.get("viewer-city", "/assessment?quarter=2026-Q3").status()).isEqualTo(200);
    }
}
