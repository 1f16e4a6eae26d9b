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
 * Overload of the cheap reads' own pool is 503 with Retry-After, never 500 (ReadBudgetsIT covers the reports' pool):
 * with one connection and a 1 s statement budget, while another session holds {@code bin_state} locked, eight
 * concurrent map and bin-state requests all end in 503 {@code overloaded} with {@code Retry-After: 2} (each either
 * over its budget on the connection or past the pool's 5 s wait for it), and the same requests answer 200 once the lock
 * is gone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApiOverloadIT {
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_overload", Clock.systemUTC(), Map.of("CLEARWAY_DB_POOL_SIZE", "1",
                "CLEARWAY_API_QUERY_TIMEOUT", "1s"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void stuckCheapReadsAre503WithRetryAfterAndAnswerAgainAfterwards() throws Exception {
        List<String> paths = List.of("/map/bins.geojson", "/bins/b1/state", "/map/bins.geojson?zone=c1", "/bins/b4/state");
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            try (Connection lock = api.db().getConnection()) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("LOCK TABLE bin_state IN ACCESS EXCLUSIVE MODE");
                List<Future<ApiHarness.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String path = paths.get(i % paths.size());
                    answers.add(clients.submit(() -> api.get("viewer-city", path)));
                }
                for (Future<ApiHarness.Response> f : answers) {
                    ApiHarness.Response r = f.get();
                    assertThat(r.status()).as(r.body()).isEqualTo(503);
                    assertThat(r.errorCode()).isEqualTo("overloaded");
                    assertThat(r.header("Retry-After")).isEqualTo("2");
                }
                lock.rollback();
            }
            for (String path : paths) {
                assertThat(api.get("viewer-city", path).status()).as(path).isEqualTo(200);
            }
        }
    }
}
